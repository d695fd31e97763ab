package io.syncline.chaos;

import io.syncline.source.TestRepo;
import io.syncline.testing.TestCorpus;

import java.nio.file.Path;

/**
 * A bare git repository of seeded Markdown documents on branch main, in the run's directory: every namespace sees the
 * same file system, so every node can clone it by path.
 */
final class CorpusRepo {

    private CorpusRepo() {
    }

    /** {@code documents} documents of about {@code paragraphs} paragraphs each, in one commit; answers its location. */
    static Path create(Path dir, int documents, int paragraphs) {
        try (TestRepo repo = TestRepo.bare(dir)) {
            TestRepo.Snapshot files = repo.on("main");
            for (int i = 0; i < documents; i++) {
                files.file(String.format("docs/chapter-%03d.md", i), TestCorpus.markdown(7000 + i, paragraphs));
            }
            files.commit();
            return repo.location();
        }
    }
}
