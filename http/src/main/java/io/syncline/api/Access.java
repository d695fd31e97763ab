package io.syncline.api;

import io.syncline.auth.Caller;
import io.syncline.auth.Role;

/**
 * What a key may do, checked before a route does anything: a workspace outside the key's scope is answered exactly
 * like one that does not exist (404), a role that is too low is a 403 that names the role needed.
 */
final class Access {

    private Access() {
    }

    /**
     * @param action what the request does, as the 403's message says it ("adding a source")
     */
    static void toWorkspace(Caller caller, String workspace, Role needed, String action) {
        if (!caller.reaches(workspace)) {
            throw Workspaces.missing(workspace);
        }
        require(caller, needed, action);
    }

    static void require(Caller caller, Role needed, String action) {
        if (!caller.may(needed)) {
            throw ApiException.forbidden("key '" + caller.keyId() + "' has role '" + caller.role().json() + "'; "
                    + action + " needs an '" + needed.json() + "' key" + (needed == Role.ADMIN ? "" : " or higher"));
        }
    }

    /** Keys, endpoints and the audit log concern every workspace, so they need an admin key of every workspace. */
    static void requireAllWorkspacesAdmin(Caller caller, String action) {
        require(caller, Role.ADMIN, action);
        if (!caller.allWorkspaces()) {
            throw ApiException.forbidden("key '" + caller.keyId() + "' reaches only some workspaces; " + action
                    + " needs an admin key of all workspaces");
        }
    }

    /**
     * Where an endpoint is and where its key lives is shown only to those who may define endpoints: the others see
     * an endpoint's name, kind and models.
     */
    static boolean seesEndpointPlaces(Caller caller) {
        return caller.may(Role.ADMIN) && caller.allWorkspaces();
    }
}
