package io.syncline.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Query results as Pekko Streams sources that fetch one page at a time, so memory stays bounded. */
public final class CqlSources {

    private CqlSources() {
    }

    public static Source<Row, NotUsed> rows(CqlSession session, Statement<?> statement) {
        return Source.lazyCompletionStageSource(() -> session.executeAsync(statement)
                        .thenApply(first -> Source.unfoldAsync(Optional.of(first), CqlSources::nextPage)
                                .mapConcat(page -> page)))
                .mapMaterializedValue(ignored -> NotUsed.getInstance());
    }

    private static CompletionStage<Optional<Pair<Optional<AsyncResultSet>, List<Row>>>> nextPage(
            Optional<AsyncResultSet> state) {
        if (state.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        AsyncResultSet page = state.get();
        List<Row> rows = new ArrayList<>(page.remaining());
        page.currentPage().forEach(rows::add);
        if (!page.hasMorePages()) {
            return CompletableFuture.completedFuture(Optional.of(Pair.create(Optional.empty(), rows)));
        }
        return page.fetchNextPage().thenApply(next -> Optional.of(Pair.create(Optional.of(next), rows)));
    }
}
