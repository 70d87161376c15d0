package dev.lakesmith.launcher.cluster;

import dev.lakesmith.core.layout.S3Location;
import dev.lakesmith.launcher.steps.JobStep;
import dev.lakesmith.launcher.steps.LocalSettings;
import dev.lakesmith.launcher.steps.LocalSpark;
import dev.lakesmith.launcher.testing.EmrStep;
import dev.lakesmith.launcher.testing.S3TestServer;
import dev.lakesmith.launcher.testing.StepExecutor;
import dev.lakesmith.launcher.testing.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs an EMR {@code command-runner.jar spark-submit --deploy-mode cluster} step for real on this
 * machine, the way YARN would: downloads the job jar and the {@code --files} from the S3 server
 * into the step's directory (the driver's working directory), then runs SparkSubmit on {@code
 * local[2]} with S3A (also for {@code s3://}) pointed at the S3 server.
 */
final class SparkStepExecutor implements StepExecutor {
  private final S3TestServer s3;

  SparkStepExecutor(S3TestServer s3) {
    this.s3 = s3;
  }

  @Override
  public StepResult run(EmrStep step, Path dir) throws Exception {
    List<String> args = step.args();
    if (!step.isSparkSubmit()) {
      return StepResult.failed("Unknown Error.", "not a spark-submit step: " + args);
    }
    String mainClass = null;
    int i = 1;
    while (args.get(i).startsWith("--")) {
      String option = args.get(i);
      String value = args.get(i + 1);
      if (option.equals("--class")) {
        mainClass = value;
      } else if (option.equals("--files")) {
        for (String file : value.split(",")) {
          String[] uriAndAlias = file.split("#", 2);
          download(uriAndAlias[0], dir.resolve(uriAndAlias[1]));
        }
      }
      i += 2;
    }
    Path jar = dir.resolve("job.jar");
    download(args.get(i), jar);
    JobStep job = new JobStep(step.name(), mainClass, args.subList(i + 1, args.size()));
    LocalSettings settings = new LocalSettings("local[2]", "2g", javaOptions());
    List<String> command = new LocalSpark(Optional.empty(), settings).command(job, jar);
    Path stdout = dir.resolve("stdout");
    Path stderr = dir.resolve("stderr");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    try {
      int exit = process.waitFor();
      if (exit == 0) {
        return StepResult.ok();
      }
      return StepResult.failed("Unknown Error.", "exit " + exit + ": " + errorLine(stderr));
    } finally {
      process.destroyForcibly();
    }
  }

  private void download(String uri, Path to) {
    S3Location at = S3Location.parse(uri, "step artifact");
    s3.client().getObject(b -> b.bucket(at.bucket()).key(at.key()), to);
  }

  private List<String> javaOptions() {
    List<String> o = new ArrayList<>();
    String h = "-Dspark.hadoop.fs.s3a.";
    o.add(h + "endpoint=" + s3.endpoint());
    o.add(h + "endpoint.region=" + S3TestServer.REGION.id());
    o.add(h + "path.style.access=true");
    o.add(h + "connection.ssl.enabled=false");
    o.add(h + "access.key=" + S3TestServer.ACCESS_KEY);
    o.add(h + "secret.key=" + S3TestServer.SECRET_KEY);
    o.add(h + "attempts.maximum=1");
    o.add(h + "retry.limit=1");
    o.add(h + "change.detection.mode=none");
    o.add("-Dspark.hadoop.fs.s3.impl=org.apache.hadoop.fs.s3a.S3AFileSystem");
    o.add("-Daws.requestChecksumCalculation=when_required");
    o.add("-Daws.responseChecksumValidation=when_required");
    return o;
  }

  private static String errorLine(Path stderr) throws java.io.IOException {
    List<String> lines = Files.readAllLines(stderr);
    for (int k = lines.size() - 1; k >= 0; k--) {
      if (lines.get(k).startsWith("lakesmith: error: ")) {
        return lines.get(k).substring("lakesmith: error: ".length());
      }
    }
    return lines.isEmpty() ? "no stderr" : lines.get(lines.size() - 1);
  }
}
