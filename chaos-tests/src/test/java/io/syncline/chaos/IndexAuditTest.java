package io.syncline.chaos;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IndexAuditTest {

    private static final String GEN = "g1";
    private static final Manifest MANIFEST = Manifest.parse(ManifestTest.line("docs/a.md", "r1", "ha", "c0", "c1")
            + "\n" + ManifestTest.line("docs/b.md", "r1", "hb", "c2"));

    @Test
    void rowsExactlyAsTheManifestListsThemAreConsistent() {
        assertThat(IndexAudit.problems(MANIFEST, GEN, chunks(), documents())).isEmpty();
    }

    @Test
    void anOrphanChunkOfAnUnlistedDocumentIsFound() {
        List<IndexAudit.ChunkRow> chunks = chunks();
        chunks.add(new IndexAudit.ChunkRow(GEN, "repo", "docs/gone.md", 0, "c9"));

        assertThat(IndexAudit.problems(MANIFEST, GEN, chunks, documents()))
                .containsExactly("chunk repo:docs/gone.md#0 of a document the manifest does not list");
    }

    @Test
    void aTailLeftFromALongerVersionAndAStaleHashAreFound() {
        List<IndexAudit.ChunkRow> chunks = chunks();
        chunks.add(new IndexAudit.ChunkRow(GEN, "repo", "docs/b.md", 1, "old"));
        chunks.set(0, new IndexAudit.ChunkRow(GEN, "repo", "docs/a.md", 0, "stale"));

        assertThat(IndexAudit.problems(MANIFEST, GEN, chunks, documents())).containsExactly(
                "chunk repo:docs/a.md#0 has hash stale, the manifest says c0",
                "chunk repo:docs/b.md#1 beyond the 1 chunks the manifest lists",
                "chunk repo:docs/a.md#0 is in the manifest but has no row");
    }

    @Test
    void rowsOfAnotherGenerationAndIncompleteDocumentsAreFound() {
        List<IndexAudit.ChunkRow> chunks = chunks();
        chunks.add(new IndexAudit.ChunkRow("g0", "repo", "docs/a.md", 0, "c0"));
        List<IndexAudit.DocumentRow> documents = documents();
        documents.add(new IndexAudit.DocumentRow(GEN, "repo", "docs/c.md", false));
        documents.add(new IndexAudit.DocumentRow(GEN, "repo", "docs/d.md", true));

        assertThat(IndexAudit.problems(MANIFEST, GEN, chunks, documents)).containsExactly(
                "chunk repo:docs/a.md#0 of generation g0, not the active g1",
                "document repo:docs/c.md left incomplete",
                "document repo:docs/d.md is stored but the manifest does not list it");
    }

    @Test
    void aListedChunkWithoutARowIsAHole() {
        List<IndexAudit.ChunkRow> chunks = chunks();
        chunks.remove(2);

        assertThat(IndexAudit.problems(MANIFEST, GEN, chunks, documents()))
                .containsExactly("chunk repo:docs/b.md#0 is in the manifest but has no row");
    }

    @Test
    void thousandsOfProblemsAreCountedNotAllShown() {
        List<IndexAudit.ChunkRow> chunks = chunks();
        for (int i = 0; i < 1000; i++) {
            chunks.add(new IndexAudit.ChunkRow(GEN, "repo", "docs/orphan-" + i + ".md", 0, "x"));
        }

        List<String> problems = IndexAudit.problems(MANIFEST, GEN, chunks, documents());
        assertThat(problems).hasSize(21).last().isEqualTo("and 980 more");
    }

    private static List<IndexAudit.ChunkRow> chunks() {
        return new ArrayList<>(List.of(new IndexAudit.ChunkRow(GEN, "repo", "docs/a.md", 0, "c0"),
                new IndexAudit.ChunkRow(GEN, "repo", "docs/a.md", 1, "c1"),
                new IndexAudit.ChunkRow(GEN, "repo", "docs/b.md", 0, "c2")));
    }

    private static List<IndexAudit.DocumentRow> documents() {
        return new ArrayList<>(List.of(new IndexAudit.DocumentRow(GEN, "repo", "docs/a.md", true),
                new IndexAudit.DocumentRow(GEN, "repo", "docs/b.md", true)));
    }
}
