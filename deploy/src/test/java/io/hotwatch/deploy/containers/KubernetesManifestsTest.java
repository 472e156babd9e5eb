package io.hotwatch.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.flink.HotspotJob;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The Kubernetes manifests (deploy/k8s) hold together and give the Flink Kubernetes Operator what it needs: every
 * resource kustomize lists parses, the job's jar, class and arguments are the ones this build makes and accepts, its
 * state lives on the mounted volume, and the dashboard's probes, Service and Ingress point at ports that exist.
 */
class KubernetesManifestsTest {

  private static final Path K8S = Path.of(System.getProperty("hotwatch.home", "..")).resolve("deploy/k8s");

  private static Map<String, Object> kustomization;
  private static final List<Map<String, Object>> RESOURCES = new ArrayList<>();
  private static Properties build;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parse() throws Exception {
    Yaml yaml = new Yaml();
    kustomization = yaml.load(Files.readString(K8S.resolve("kustomization.yaml")));
    for (Object file : (List<Object>) kustomization.get("resources")) {
      Path path = K8S.resolve(file.toString());
      assertThat(path).as("resource listed in kustomization.yaml").isRegularFile();
      for (Object document : yaml.loadAll(Files.readString(path))) {
        RESOURCES.add((Map<String, Object>) document);
      }
    }
    build = new Properties();
    try (InputStream in = KubernetesManifestsTest.class.getResourceAsStream("/hotwatch-build.properties")) {
      build.load(in);
    }
  }

  @Test
  void theJobRunsThisBuildsJarClassAndArgumentsOnFlinksVersion() {
    Map<String, Object> spec = map(one("FlinkDeployment"), "spec");
    Map<String, Object> job = map(spec, "job");
    assertThat(job.get("jarURI"))
        .isEqualTo("local:///opt/flink/usrlib/hotwatch-flink-jobs-" + build.getProperty("version") + "-job.jar");
    assertThat(job.get("entryClass")).isEqualTo(HotspotJob.class.getName());
    String[] flink = build.getProperty("flink.version").split("\\.");
    assertThat(spec.get("flinkVersion")).isEqualTo("v" + flink[0] + "_" + flink[1]);

    List<String> args = strings(job.get("args"));
    // the job's own command line must accept the arguments (picocli throws on an unknown option or a bad value)
    new CommandLine(new HotspotJob()).parseArgs(args.toArray(String[]::new));
    assertThat(job.get("parallelism")).isEqualTo(2);
    assertThat(job.get("upgradeMode")).isEqualTo("savepoint");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTopicsJobCreatesEveryTopicTheJobUsesOnTheSameCluster() {
    List<String> args = strings(map(map(one("FlinkDeployment"), "spec"), "job").get("args"));
    CommandLine command = new CommandLine(new HotspotJob());
    command.parseArgs(args.toArray(String[]::new));
    HotspotJob job = command.getCommand();
    assertThat(job.socialSettings()).as("the manifests run no social stream").isNull();

    Map<String, Object> topics = named("Job", "hotwatch-topics");
    Map<String, Object> container =
        ((List<Map<String, Object>>) map(map(map(topics, "spec"), "template"), "spec").get("containers")).get(0);
    Map<String, String> env = new HashMap<>();
    Map<String, Object> bootstrap = null;
    for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("env")) {
      if (variable.containsKey("value")) {
        env.put(variable.get("name").toString(), variable.get("value").toString());
      } else if ("BOOTSTRAP_SERVERS".equals(variable.get("name"))) {
        bootstrap = map(map(variable, "valueFrom"), "configMapKeyRef");
      }
    }
    assertThat(List.of(env.get("TOPICS").split(" "))).containsExactlyInAnyOrderElementsOf(job.config().topics());
    assertThat(Integer.parseInt(env.get("PARTITIONS"))).isEqualTo(map(map(one("FlinkDeployment"), "spec"), "job")
        .get("parallelism"));
    assertThat(bootstrap).as("the broker address comes from the ConfigMap the job's comes from").isNotNull()
        .containsEntry("name", "hotwatch-kafka");
    assertThat(configMapKeys("hotwatch-kafka")).contains(bootstrap.get("key").toString());
    assertThat(strings(container.get("args")).get(0)).contains("$TOPICS").contains("$BOOTSTRAP_SERVERS")
        .contains("$PARTITIONS");
  }

  @Test
  @SuppressWarnings("unchecked")
  void kustomizePutsTheBootstrapServersIntoTheJobsArguments() {
    Map<String, Object> replacement = ((List<Map<String, Object>>) kustomization.get("replacements")).get(0);
    Map<String, Object> source = map(replacement, "source");
    assertThat(source.get("name")).isEqualTo("hotwatch-kafka");
    String key = source.get("fieldPath").toString().replaceFirst("^data\\.", "");
    assertThat(configMapKeys("hotwatch-kafka")).contains(key);

    Map<String, Object> target = ((List<Map<String, Object>>) replacement.get("targets")).get(0);
    assertThat(map(target, "select")).containsEntry("kind", "FlinkDeployment")
        .containsEntry("name", name(one("FlinkDeployment")));
    String path = strings(target.get("fieldPaths")).get(0);
    int index = Integer.parseInt(path.substring("spec.job.args.".length()));
    List<String> args = strings(map(map(one("FlinkDeployment"), "spec"), "job").get("args"));
    assertThat(args.get(index - 1)).isEqualTo("--bootstrap-servers");
  }

  @Test
  @SuppressWarnings("unchecked")
  void checkpointsSavepointsAndHaMetadataLiveOnTheSharedVolume() {
    Map<String, Object> spec = map(one("FlinkDeployment"), "spec");
    Map<String, Object> conf = map(spec, "flinkConfiguration");
    assertThat(conf).containsEntry("high-availability.type", "kubernetes");

    Map<String, Object> pod = map(map(spec, "podTemplate"), "spec");
    Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
    assertThat(container.get("name")).as("the operator's main container name").isEqualTo("flink-main-container");
    Map<String, Object> mount = ((List<Map<String, Object>>) container.get("volumeMounts")).get(0);
    Map<String, Object> volume = ((List<Map<String, Object>>) pod.get("volumes")).get(0);
    assertThat(volume.get("name")).isEqualTo(mount.get("name"));
    String claim = map(volume, "persistentVolumeClaim").get("claimName").toString();
    Map<String, Object> pvc = named("PersistentVolumeClaim", claim);
    assertThat(strings(map(pvc, "spec").get("accessModes"))).as("JobManager and TaskManagers share it")
        .contains("ReadWriteMany");

    String mounted = "file://" + mount.get("mountPath") + "/";
    for (String key : List.of(
        "high-availability.storageDir", "execution.checkpointing.dir", "execution.checkpointing.savepoint-dir")) {
      assertThat(conf.get(key)).as(key).asString().startsWith(mounted);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theJobManagersAccountMayKeepHaStateInConfigMaps() {
    String account = map(one("FlinkDeployment"), "spec").get("serviceAccount").toString();
    named("ServiceAccount", account);
    Map<String, Object> binding = one("RoleBinding");
    assertThat((List<Map<String, Object>>) binding.get("subjects")).anyMatch(s -> account.equals(s.get("name")));
    Map<String, Object> role = named("Role", map(binding, "roleRef").get("name").toString());
    assertThat((List<Map<String, Object>>) role.get("rules"))
        .anyMatch(r -> strings(r.get("resources")).contains("configmaps") && strings(r.get("verbs")).contains("*"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDashboardsProbesServiceAndIngressMeetOnItsPort() {
    Map<String, Object> deployment = named("Deployment", "hotwatch-dashboard");
    Map<String, Object> template = map(map(deployment, "spec"), "template");
    Map<String, Object> container = ((List<Map<String, Object>>) map(template, "spec").get("containers")).get(0);
    List<Map<String, Object>> ports = (List<Map<String, Object>>) container.get("ports");
    List<Object> portNames = ports.stream().map(p -> p.get("name")).toList();
    // the server's open health routes (the rest need a login, which a probe does not have)
    Map<String, String> paths = Map.of(
        "startupProbe", "/health/liveness", "livenessProbe", "/health/liveness", "readinessProbe", "/health/readiness");
    paths.forEach((probe, path) -> {
      Map<String, Object> get = map(map(container, probe), "httpGet");
      assertThat(portNames).as(probe).contains(get.get("port"));
      assertThat(get.get("path")).as(probe).isEqualTo(path);
    });
    Map<String, Object> env = ((List<Map<String, Object>>) container.get("env")).get(0);
    assertThat(env.get("name")).isEqualTo("KAFKA_BOOTSTRAP_SERVERS");
    Map<String, Object> ref = map(map(env, "valueFrom"), "configMapKeyRef");
    assertThat(configMapKeys(ref.get("name").toString())).contains(ref.get("key").toString());

    Map<String, Object> service = named("Service", "hotwatch-dashboard");
    assertThat(map(map(template, "metadata"), "labels")).containsAllEntriesOf(
        (Map<String, Object>) map(service, "spec").get("selector"));
    Map<String, Object> servicePort = ((List<Map<String, Object>>) map(service, "spec").get("ports")).get(0);
    assertThat(portNames).contains(servicePort.get("targetPort"));

    Map<String, Object> ingress = named("Ingress", "hotwatch-dashboard");
    Map<String, Object> rule = ((List<Map<String, Object>>) map(ingress, "spec").get("rules")).get(0);
    Map<String, Object> path = ((List<Map<String, Object>>) map(rule, "http").get("paths")).get(0);
    Map<String, Object> backend = map(map(path, "backend"), "service");
    assertThat(backend.get("name")).isEqualTo(name(service));
    assertThat(map(backend, "port").get("name")).isEqualTo(servicePort.get("name"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> configMapKeys(String name) {
    List<String> keys = new ArrayList<>();
    for (Map<String, Object> generator : (List<Map<String, Object>>) kustomization.get("configMapGenerator")) {
      if (name.equals(generator.get("name"))) {
        strings(generator.get("literals")).forEach(l -> keys.add(l.substring(0, l.indexOf('='))));
      }
    }
    return keys;
  }

  private static Map<String, Object> one(String kind) {
    List<Map<String, Object>> found = RESOURCES.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    assertThat(found).as("resources of kind %s", kind).hasSize(1);
    return found.get(0);
  }

  private static Map<String, Object> named(String kind, String name) {
    return RESOURCES.stream()
        .filter(r -> kind.equals(r.get("kind")) && name.equals(name(r)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  private static String name(Map<String, Object> resource) {
    return map(resource, "metadata").get("name").toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object child = parent.get(key);
    assertThat(child).as(key).isInstanceOf(Map.class);
    return (Map<String, Object>) child;
  }

  private static List<String> strings(Object list) {
    assertThat(list).isInstanceOf(List.class);
    return ((List<?>) list).stream().map(Object::toString).toList();
  }
}
