package io.syncline.api;

import io.syncline.search.SearchService;
import io.syncline.sync.IndexServices;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The whole API as a frame: the browser rules, the {@code v1} prefix and the key check, and the error handlers
 * ({@link ApiErrors}), each written once; every resource's routes stand beneath them and get the caller.
 */
public final class ApiRoutes extends AllDirectives {

    private final BrowserRules browserRules;
    private final Authentication authentication;
    private final WorkspaceRoutes workspaceRoutes;
    private final SourceRoutes sourceRoutes;
    private final SyncRoutes syncRoutes;
    private final SearchRoutes searchRoutes;
    private final ManifestRoutes manifestRoutes;
    private final DeadLetterRoutes deadLetterRoutes;
    private final ProviderRoutes providerRoutes;
    private final KeyRoutes keyRoutes;
    private final AuditRoutes auditRoutes;
    private final EndpointRoutes endpointRoutes;

    public ApiRoutes(Workspaces workspaces, SearchService search, IndexServices services, Endpoints endpoints,
                     ApiAccess access) {
        SourceValidation validation = new SourceValidation(services.blocking(), services.sourcePolicy());
        Audit audit = new Audit(access.auditLog());
        this.browserRules = new BrowserRules(access.http());
        this.authentication = new Authentication(access.keys(), access.rateLimits());
        this.workspaceRoutes = new WorkspaceRoutes(workspaces, services.embedders(), endpoints, audit,
                access.keyWorkspaces(), access.auth().maxWorkspacesPerKey());
        this.sourceRoutes = new SourceRoutes(workspaces, validation);
        this.syncRoutes = new SyncRoutes(workspaces, validation, services.embedders());
        this.searchRoutes = new SearchRoutes(workspaces, search);
        this.manifestRoutes = new ManifestRoutes(workspaces, services.documents());
        this.deadLetterRoutes = new DeadLetterRoutes(workspaces, services.deadLetters(), services.system());
        this.providerRoutes = new ProviderRoutes(services.embedders());
        this.keyRoutes = new KeyRoutes(access.keys(), audit, access.auth().keyCacheTtl());
        this.auditRoutes = new AuditRoutes(access.auditLog());
        this.endpointRoutes = new EndpointRoutes(endpoints, services.embedders(), audit);
    }

    public Route route() {
        return handleExceptions(ApiErrors.exceptions(), () -> handleRejections(ApiErrors.rejections(), () ->
                browserRules.apply(() -> pathPrefix("v1", () -> authentication.authenticated(caller -> concat(
                        workspaceRoutes.route(caller), sourceRoutes.route(caller), syncRoutes.route(caller),
                        searchRoutes.route(caller), manifestRoutes.route(caller), deadLetterRoutes.route(caller),
                        providerRoutes.route(caller), keyRoutes.route(caller), auditRoutes.route(caller),
                        endpointRoutes.route(caller)))))));
    }
}
