package io.coderunner.server.workspaces;

import io.coderunner.engine.DirectoryInUseException;
import io.coderunner.server.execution.ExecuteRequest;
import io.coderunner.server.execution.ExecutionService;
import io.coderunner.server.execution.ExecutionView;
import io.coderunner.server.http.ConflictException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.security.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A run started in a project's files: what it writes stays in the project (seed 003). */
@RestController
@Tag(name = "Workspaces")
class WorkspaceRunController {

    private final WorkspaceService workspaces;
    private final ExecutionService executions;

    WorkspaceRunController(WorkspaceService workspaces, ExecutionService executions) {
        this.workspaces = workspaces;
        this.executions = executions;
    }

    @PostMapping("/workspace/projects/{name}/run")
    @SignedInUser
    @Operation(summary = "Run code in the project's folder (as POST /api/execute); the code's files are written "
            + "into the project and what the program writes there stays")
    ExecutionView run(@AuthenticationPrincipal Caller caller, @PathVariable("name") String name,
                      @RequestBody ExecuteRequest request) {
        java.nio.file.Path root = workspaces.root(caller, name);
        // The engine writes the code's files into the project's folder: a FIFO left there under
        // such a name (by a terminal or an earlier run) would block that write, and a run slot,
        // forever. Nothing else writes into the folder between this check and the run: the
        // project belongs to one sandbox at a time, and the last one's processes are gone.
        for (BeneathRoot.Child child : BeneathRoot.children(root, "")) {
            if (child.attrs().isOther()) {
                throw new ConflictException("'" + child.name() + "' in project '" + name
                        + "' is a FIFO, socket or device, not a plain file: delete it and try again");
            }
        }
        try {
            return executions.executeIn(caller, request, root);
        } catch (DirectoryInUseException e) {
            // The project's files belong to one sandbox at a time: a terminal session or another run has them now.
            throw new ConflictException("project '" + name + "' is in use by a terminal session or another run: "
                    + "wait for the run to end, or end the session, and try again");
        }
    }
}
