package io.syncline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.syncline.auth.Caller;
import io.syncline.auth.Role;
import io.syncline.json.Json;
import io.syncline.store.DocumentRecord;
import io.syncline.store.DocumentStore;
import io.syncline.workspace.WorkspaceView;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /v1/workspaces/{ws}/manifest}: the audit view of the active index, one NDJSON line per indexed
 * document, sources in id order and documents in path order, streamed page by page. Two workspaces with the same
 * sources, revisions and config have equal manifests. The first line is read before the answer starts, so that
 * Cassandra being down is a 503 like on every route; a failure after that ends the answer without its last chunk,
 * which a client sees as a broken transfer rather than a shorter manifest.
 */
final class ManifestRoutes extends AllDirectives {

    static final ContentType NDJSON = MediaTypes.applicationWithFixedCharset("x-ndjson", HttpCharsets.UTF_8)
            .toContentType();

    private final Workspaces workspaces;
    private final DocumentStore documents;

    ManifestRoutes(Workspaces workspaces, DocumentStore documents) {
        this.workspaces = workspaces;
        this.documents = documents;
    }

    /**
     * @param revision the revision of the source the index holds (for a source never synced to the end, the
     *                 revision the document was read at)
     * @param chunks   the SHA-256 of each chunk's text, in order
     */
    record Line(String source, String path, String revision, String contentHash, List<String> chunks) {
    }

    Route route(Caller caller) {
        return path(PathMatchers.segment("workspaces").slash(PathMatchers.segment()).slash("manifest"),
                workspace -> get(() -> {
                    Access.toWorkspace(caller, workspace, Role.READER, "reading the manifest");
                    return onSuccess(workspaces.serving(workspace), view -> extractMaterializer(materializer ->
                            onSuccess(lines(view).prefixAndTail(1).runWith(Sink.head(), materializer), first ->
                                    complete(HttpEntities.create(NDJSON,
                                            Source.from(first.first()).concat(first.second()))))));
                }));
    }

    private Source<ByteString, NotUsed> lines(WorkspaceView view) {
        List<WorkspaceView.Source> sources = view.sources().stream()
                .sorted(Comparator.comparing(s -> s.spec().id())).toList();
        Source<ByteString, NotUsed> all = Source.empty();
        for (WorkspaceView.Source source : sources) {
            all = all.concat(documents.list(view.id(), view.index().active(), source.spec().id())
                    .filter(DocumentRecord::complete)
                    .map(doc -> line(source, doc)));
        }
        return all;
    }

    private static ByteString line(WorkspaceView.Source source, DocumentRecord doc) throws JsonProcessingException {
        String revision = source.revision() != null ? source.revision() : doc.revision();
        Line line = new Line(doc.source(), doc.path(), revision, doc.contentHash(), doc.chunkHashes());
        return ByteString.fromString(Json.mapper().writeValueAsString(line) + "\n");
    }
}
