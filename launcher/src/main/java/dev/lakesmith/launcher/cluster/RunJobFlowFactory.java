package dev.lakesmith.launcher.cluster;

import dev.lakesmith.core.config.IcebergSparkSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.AutoTerminationPolicy;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.EbsBlockDeviceConfig;
import software.amazon.awssdk.services.emr.model.EbsConfiguration;
import software.amazon.awssdk.services.emr.model.HadoopJarStepConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetConfig;
import software.amazon.awssdk.services.emr.model.InstanceFleetProvisioningSpecifications;
import software.amazon.awssdk.services.emr.model.InstanceFleetType;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.InstanceTypeConfig;
import software.amazon.awssdk.services.emr.model.JobFlowInstancesConfig;
import software.amazon.awssdk.services.emr.model.MarketType;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.ScaleDownBehavior;
import software.amazon.awssdk.services.emr.model.SpotProvisioningAllocationStrategy;
import software.amazon.awssdk.services.emr.model.SpotProvisioningSpecification;
import software.amazon.awssdk.services.emr.model.SpotProvisioningTimeoutAction;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.emr.model.VolumeSpecification;

/**
 * Builds the RunJobFlow request of a transient cluster: it runs its steps and ends (no idle
 * cluster, an idle-timeout backstop), carries the tags the active-cluster lookup and cost reports
 * read, and runs each job step through {@code command-runner.jar spark-submit --deploy-mode
 * cluster}.
 */
public final class RunJobFlowFactory {
  public static final String TAG_DATASET = "lakesmith:dataset";
  public static final String TAG_SLICE = "lakesmith:slice";
  public static final String TAG_RUN_ID = "lakesmith:run-id";

  /** The name the staged conf gets in the driver's working directory ({@code --files x#name}). */
  public static final String CONF_ALIAS = "lakesmith-run.conf";

  private RunJobFlowFactory() {}

  public static RunJobFlowRequest build(EmrSettings s, ClusterSpec spec) {
    return build(s, spec, Optional.empty());
  }

  /**
   * With {@code icebergOutput} (the dataset is an Iceberg table curated into that output root):
   * Iceberg enabled on the cluster ({@code iceberg-defaults}) and the job's {@code lakesmith}
   * catalog defined in {@code spark-defaults} as the Glue Data Catalog.
   */
  public static RunJobFlowRequest build(
      EmrSettings s, ClusterSpec spec, Optional<String> icebergOutput) {
    Map<String, Map<String, String>> configurations = new TreeMap<>(s.configurations());
    icebergOutput.ifPresent(
        output -> {
          configurations.put("iceberg-defaults", Map.of("iceberg.enabled", "true"));
          Map<String, String> spark =
              new TreeMap<>(configurations.getOrDefault("spark-defaults", Map.of()));
          spark.putAll(IcebergSparkSettings.glue(output));
          configurations.put("spark-defaults", spark);
        });
    RunJobFlowRequest.Builder b =
        RunJobFlowRequest.builder()
            .name(s.namePrefix() + " " + spec.dataset() + " " + spec.sliceLabel())
            .releaseLabel(s.releaseLabel())
            .applications(Application.builder().name("Spark").build())
            .logUri(s.logUri())
            .serviceRole(s.serviceRole())
            .jobFlowRole(s.instanceProfile())
            .visibleToAllUsers(true)
            .instances(instances(s, spec.size()))
            .autoTerminationPolicy(
                AutoTerminationPolicy.builder().idleTimeout(s.idleTimeout().toSeconds()).build())
            .scaleDownBehavior(ScaleDownBehavior.TERMINATE_AT_TASK_COMPLETION)
            .stepConcurrencyLevel(1)
            .configurations(configurations(configurations))
            .steps(spec.steps().stream().map(step -> step(spec, step)).toList())
            .tags(tags(s, spec));
    s.securityConfiguration().ifPresent(b::securityConfiguration);
    return b.build();
  }

  /**
   * {@code command-runner.jar spark-submit --deploy-mode cluster [--files conf#alias] --class …}.
   */
  static StepConfig step(ClusterSpec spec, ClusterSpec.Step step) {
    List<String> args = new ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster"));
    spec.confUri().ifPresent(uri -> args.addAll(List.of("--files", uri + "#" + CONF_ALIAS)));
    args.addAll(List.of("--class", step.job().mainClass(), spec.jobJarUri()));
    args.addAll(step.job().args());
    return StepConfig.builder()
        .name(step.name(spec.dataset()))
        .actionOnFailure(step.actionOnFailure())
        .hadoopJarStep(HadoopJarStepConfig.builder().jar("command-runner.jar").args(args).build())
        .build();
  }

  private static JobFlowInstancesConfig instances(EmrSettings s, ClusterSize size) {
    JobFlowInstancesConfig.Builder b =
        JobFlowInstancesConfig.builder()
            .keepJobFlowAliveWhenNoSteps(false)
            .terminationProtected(false);
    EmrSettings.Instances inst = s.instances();
    if (inst.fleets()) {
      List<InstanceFleetConfig> fleets = new ArrayList<>();
      fleets.add(fleet(InstanceFleetType.MASTER, inst.master(), 1));
      fleets.add(fleet(InstanceFleetType.CORE, inst.core(), size.core()));
      if (size.task() > 0) {
        fleets.add(fleet(InstanceFleetType.TASK, inst.task(), size.task()));
      }
      b.instanceFleets(fleets);
      if (!s.subnetIds().isEmpty()) {
        b.ec2SubnetIds(s.subnetIds());
      }
    } else {
      List<InstanceGroupConfig> groups = new ArrayList<>();
      groups.add(group(InstanceRoleType.MASTER, inst.master(), 1));
      groups.add(group(InstanceRoleType.CORE, inst.core(), size.core()));
      if (size.task() > 0) {
        groups.add(group(InstanceRoleType.TASK, inst.task(), size.task()));
      }
      b.instanceGroups(groups);
      if (!s.subnetIds().isEmpty()) {
        b.ec2SubnetId(s.subnetIds().get(0));
      }
    }
    return b.build();
  }

  private static InstanceGroupConfig group(InstanceRoleType role, EmrSettings.Node node, int n) {
    InstanceGroupConfig.Builder g =
        InstanceGroupConfig.builder()
            .name(role.toString().toLowerCase(java.util.Locale.ROOT))
            .instanceRole(role)
            .market(MarketType.fromValue(node.market()))
            .instanceType(node.type())
            .instanceCount(n);
    if (node.ebsGb() > 0) {
      g.ebsConfiguration(ebs(node.ebsGb()));
    }
    return g.build();
  }

  private static InstanceFleetConfig fleet(InstanceFleetType type, EmrSettings.Node node, int n) {
    boolean spot = node.market().equals("SPOT");
    InstanceFleetConfig.Builder f =
        InstanceFleetConfig.builder()
            .name(type.toString().toLowerCase(java.util.Locale.ROOT))
            .instanceFleetType(type)
            .instanceTypeConfigs(
                node.allTypes().stream()
                    .map(
                        t -> {
                          InstanceTypeConfig.Builder c =
                              InstanceTypeConfig.builder().instanceType(t).weightedCapacity(1);
                          if (node.ebsGb() > 0) {
                            c.ebsConfiguration(ebs(node.ebsGb()));
                          }
                          return c.build();
                        })
                    .toList());
    if (spot) {
      f.targetSpotCapacity(n)
          .launchSpecifications(
              InstanceFleetProvisioningSpecifications.builder()
                  .spotSpecification(
                      SpotProvisioningSpecification.builder()
                          .allocationStrategy(
                              SpotProvisioningAllocationStrategy.PRICE_CAPACITY_OPTIMIZED)
                          .timeoutDurationMinutes(20)
                          .timeoutAction(SpotProvisioningTimeoutAction.SWITCH_TO_ON_DEMAND)
                          .build())
                  .build());
    } else {
      f.targetOnDemandCapacity(n);
    }
    return f.build();
  }

  private static EbsConfiguration ebs(int gb) {
    return EbsConfiguration.builder()
        .ebsBlockDeviceConfigs(
            EbsBlockDeviceConfig.builder()
                .volumeSpecification(
                    VolumeSpecification.builder().volumeType("gp3").sizeInGB(gb).build())
                .volumesPerInstance(1)
                .build())
        .build();
  }

  private static List<Configuration> configurations(Map<String, Map<String, String>> byClass) {
    return byClass.entrySet().stream()
        .map(
            e ->
                Configuration.builder().classification(e.getKey()).properties(e.getValue()).build())
        .toList();
  }

  private static List<Tag> tags(EmrSettings s, ClusterSpec spec) {
    List<Tag> tags = new ArrayList<>();
    tags.add(Tag.builder().key(TAG_DATASET).value(spec.dataset()).build());
    tags.add(Tag.builder().key(TAG_SLICE).value(spec.sliceLabel()).build());
    tags.add(Tag.builder().key(TAG_RUN_ID).value(spec.runId()).build());
    s.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
    return tags;
  }
}
