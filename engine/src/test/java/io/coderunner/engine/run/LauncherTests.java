package io.coderunner.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.coderunner.engine.Limits;
import io.coderunner.engine.OutputFrame;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's shell script as a value: joining the stage's groups, the network, the uid drop, the descriptors. */
class LauncherTests {

    private static final List<Path> PROCS = List.of(Path.of("/sys/fs/cgroup/coderunner/slot-1/cgroup.procs"),
            Path.of("/sys/fs/cgroup/pids/coderunner/slot-1/cgroup.procs"));
    private static final List<String> ISOLATED = List.of("/usr/bin/bwrap", "--unshare-user", "--", "/usr/bin/sh", "-c", "it's");
    private static final List<Descriptor> DESCRIPTORS = List.of(Descriptor.read(3, Path.of("/var/lib/coderunner/seccomp.bpf")),
            Descriptor.write(7, Path.of("/var/lib/coderunner/slots/slot 1/log")));

    /** Each procs file joined first, or the launcher gives up with the setup-failure code. */
    private static final String JOIN_GROUPS = """
            echo $$ > '/sys/fs/cgroup/coderunner/slot-1/cgroup.procs' || exit 125
            echo $$ > '/sys/fs/cgroup/pids/coderunner/slot-1/cgroup.procs' || exit 125
            """;
    private static final String SETPRIV = "'setpriv' '--reuid=62001' '--regid=62001' '--clear-groups' '--inh-caps=-all' "
            + "'--bounding-set=-all' '--' ";
    private static final String RUNTIME = "'/usr/bin/bwrap' '--unshare-user' '--' '/usr/bin/sh' '-c' 'it'\\''s'";
    private static final String OPEN_DESCRIPTORS = " 3< '/var/lib/coderunner/seccomp.bpf' 7> '/var/lib/coderunner/slots/slot 1/log'\n";

    private static Stage stage(Integer hostUid) {
        return new Stage(OutputFrame.Stage.RUN, List.of("./main"), Map.of(), List.of(), Limits.defaults(),
                Path.of("/work-dir"), Path.of("/state-dir"), hostUid);
    }

    private static String script(List<String> command) {
        assertThat(command).hasSize(4);
        assertThat(command.get(0)).isEqualTo("/bin/sh");
        assertThat(command.get(1)).isEqualTo("-c");
        assertThat(command.get(3)).as("the launcher's name in ps").isEqualTo("coderunner-launcher");
        return command.get(2);
    }

    @Test
    void joinsTheStagesGroupsDropsToTheSlotsUidAndExecsTheRuntimeWithItsDescriptors() {
        String script = script(new Launcher(true).command(stage(62001), PROCS, ISOLATED, DESCRIPTORS));

        assertThat(script).isEqualTo(JOIN_GROUPS + "exec " + SETPRIV + RUNTIME + OPEN_DESCRIPTORS);
    }

    @Test
    void entersTheStagesNetworkNamespaceWhileStillRootThenDrops() {
        String script = script(new Launcher(true).command(stage(62001), PROCS, ISOLATED, DESCRIPTORS,
                Path.of("/run/netns/coderunner-slot-1-7")));

        assertThat(script).isEqualTo(JOIN_GROUPS + "exec 'nsenter' '--net=/run/netns/coderunner-slot-1-7' '--' "
                + SETPRIV + RUNTIME + OPEN_DESCRIPTORS);
    }

    @Test
    void aRuntimeThatDropsPrivilegesItselfIsExecutedAsRoot() {
        String script = script(new Launcher(false).command(stage(62001), PROCS, ISOLATED, DESCRIPTORS,
                Path.of("/run/netns/n")));

        assertThat(script).isEqualTo(JOIN_GROUPS + "exec 'nsenter' '--net=/run/netns/n' '--' " + RUNTIME + OPEN_DESCRIPTORS);
        assertThat(script).doesNotContain("setpriv");
    }

    @Test
    void anEngineThatIsNotRootHasNoUidToDropTo() {
        String script = script(new Launcher(true).command(stage(null), PROCS, ISOLATED, List.of()));

        assertThat(script).isEqualTo(JOIN_GROUPS + "exec " + RUNTIME + "\n");
    }

    @Test
    void withoutControlGroupsTheRuntimeIsExecutedAtOnce() {
        String script = script(new Launcher(true).command(stage(62001), List.of(), ISOLATED, List.of()));

        assertThat(script).isEqualTo("exec " + SETPRIV + RUNTIME + "\n");
    }
}
