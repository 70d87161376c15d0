package dev.lakesmith.core.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON form (snake_case, indented) of everything the job writes for the launcher to read: run
 * manifests and lease records. One mapper, so both sides agree on field names.
 */
public final class ManifestJson {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  /** Reads a {@link RunManifest}, ignoring fields added by newer versions. */
  public static final ObjectReader RUN_MANIFEST =
      MAPPER
          .readerFor(RunManifest.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ManifestJson() {}
}
