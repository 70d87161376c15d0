/**
 * Local stand-ins for AWS in the launcher's tests.
 *
 * <ul>
 *   <li>{@link dev.lakesmith.launcher.testing.S3TestServer}: s3proxy in-process (in-memory or
 *       filesystem), SigV4 with static test credentials, path-style {@code S3Client}.
 *   <li>{@link dev.lakesmith.launcher.testing.EmrEmulator}: the EMR JSON 1.1 API over the JDK's
 *       HttpServer, with a cluster/step state machine, a pluggable {@link
 *       dev.lakesmith.launcher.testing.StepExecutor} and fault injection.
 * </ul>
 *
 * <p>Typical wiring:
 *
 * <pre>{@code
 * try (S3TestServer s3 = S3TestServer.start().createBucket("lake");
 *     EmrEmulator emr = EmrEmulator.start(new EmrEmulator.Options().stepExecutor(myExecutor));
 *     AwsClients aws = AwsClients.create(s3.awsSettings().withEmrEndpoint(emr.endpoint()))) {
 *   ... launcher code under test uses aws.emr() / aws.s3() ...
 *   emr.lastRequest("RunJobFlow").body();   // the exact wire request
 * }
 * }</pre>
 *
 * <p>JSON handling uses Jackson from Spark's {@code provided} dependencies (on the test classpath);
 * do not declare Jackson with test scope in the launcher pom, or it would drop out of the provided
 * set that becomes {@code spark-classpath.txt}.
 */
package dev.lakesmith.launcher.testing;
