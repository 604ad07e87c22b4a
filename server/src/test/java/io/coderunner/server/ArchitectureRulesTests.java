package io.coderunner.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rules of the code that the module verification does not cover: what of the engine the server
 * may use, and how the server may touch files where sandboxes write.
 */
@DatabaseAgnostic
class ArchitectureRulesTests {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.coderunner.server");

    /**
     * The engine's API is its root package, its languages and its file toolkit; how it runs
     * (slots, stages, runtimes, control groups) is its own. The server is run from the class path,
     * where a module-info would not be enforced, so this rule is the boundary.
     */
    @Test
    void theServerUsesOnlyTheEnginesApi() {
        ArchRule rule = noClasses().that().resideInAPackage("io.coderunner.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.coderunner.engine.run..",
                        "io.coderunner.engine.bubblewrap..", "io.coderunner.engine.gvisor..",
                        "io.coderunner.engine.cgroup..", "io.coderunner.engine.unsafe..")
                .because("the engine's internals may change without the server noticing");
        rule.check(SERVER);
    }

    /** {@link Files} calls that read, list, change or remove what a path names, following links on the way. */
    private static final Set<String> TREE_CALLS = Set.of("walk", "walkFileTree", "find", "list", "lines", "delete",
            "deleteIfExists", "copy", "move", "setPosixFilePermissions", "setOwner", "setAttribute", "setLastModifiedTime",
            "newInputStream", "newOutputStream", "newByteChannel", "newBufferedReader", "newBufferedWriter", "readAllBytes",
            "readAllLines", "readString", "write", "writeString", "size", "newDirectoryStream", "getFileAttributeView");

    /**
     * In the modules whose folders sandboxes write (workspaces, terminal sessions, environments),
     * such calls go through the engine's file toolkit ({@code io.coderunner.engine.files}), which
     * takes every step from an opened folder. The few classes named here touch only folders of
     * the server's own, which no sandbox can write: a session's folder around its work folder and
     * its log, a clone's private scratch folder, an environment's folder around its generations and
     * its log, a new environment before any sandbox had it ({@code Ecosystem}). And {@code BeneathRoot},
     * the workspaces' own walker, opens only a project's root (the mount point of a sandbox's /work,
     * which it cannot replace) and takes every further step through the JDK's
     * {@code SecureDirectoryStream} (openat with O_NOFOLLOW).
     */
    @Test
    void filesWhereSandboxesWriteAreTouchedOnlyThroughTheFileToolkit() {
        DescribedPredicate<JavaCall<?>> treeCall = DescribedPredicate.describe("a java.nio.file.Files call on a tree",
                call -> call.getTargetOwner().isEquivalentTo(Files.class) && TREE_CALLS.contains(call.getName()));
        ArchRule rule = noClasses().that().resideInAnyPackage("io.coderunner.server.workspaces..",
                        "io.coderunner.server.terminals..", "io.coderunner.server.environments..")
                .and().doNotHaveSimpleName("SessionDirectories")
                .and().doNotHaveSimpleName("TerminalLog")
                .and().doNotHaveSimpleName("RepositoryCloner")
                .and().doNotHaveSimpleName("EnvironmentDirectories")
                .and().haveNameNotMatching("io\\.coderunner\\.server\\.environments\\.Ecosystem(\\$.*)?")
                .and().doNotHaveSimpleName("BeneathRoot")
                .should().callCodeUnitWhere(treeCall)
                .because("a sandbox may have swapped any folder on the way for a link, or a file for a FIFO");
        rule.check(SERVER);
    }
}
