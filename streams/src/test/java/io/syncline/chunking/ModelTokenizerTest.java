package io.syncline.chunking;

import io.syncline.embedding.LocalModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ModelTokenizerTest {

    @ParameterizedTest
    @EnumSource(value = LocalModel.class, names = {"ALL_MINILM_L6_V2_Q", "BGE_SMALL_EN_V15_Q"})
    void longTextIsCountedWholeNotTruncatedToTheModelWindow(LocalModel model) {
        String fiveThousandWords = String.join(" ",
                IntStream.range(0, 5_000).mapToObj(i -> i % 2 == 0 ? "repository" : "index").toList());

        ModelTokenizer tokenizer = ModelTokenizer.of(model);

        assertThat(tokenizer.countTokens(fiveThousandWords)).isEqualTo(5_000);
        assertThat(tokenizer.tokenize(fiveThousandWords).count()).isEqualTo(5_000);
    }

    @Test
    void countsTextTokensWithoutMarkerTokens() {
        ModelTokenizer tokenizer = ModelTokenizer.of(LocalModel.DEFAULT);

        assertThat(tokenizer.countTokens("hello world")).isEqualTo(2);
        assertThat(tokenizer.countTokens("")).isZero();
        assertThat(tokenizer.tokenize("  \n\t ").count()).isZero();
    }

    @Test
    void spansIndexTheJavaStringPastEmojiCjkAndAccents() {
        String text = "Café 😀 naïve 日本 🎉x résumé\r\nend";
        TokenSpans tokens = ModelTokenizer.of(LocalModel.DEFAULT).tokenize(text);

        List<String> pieces = IntStream.range(0, tokens.count())
                .mapToObj(i -> text.substring(tokens.start(i), tokens.end(i))).toList();

        // Emoji are two chars each in a String; unaligned spans would shift every token after the first one.
        assertThat(pieces).containsExactly("Café", "😀", "naïve", "日", "本", "🎉x", "résumé", "end");
    }

    @Test
    void wordpiecesOfOneWordShareTheirWordNumber() {
        String text = "tokenization works";
        TokenSpans tokens = ModelTokenizer.of(LocalModel.DEFAULT).tokenize(text);

        assertThat(tokens.count()).isEqualTo(3);
        assertThat(text.substring(tokens.start(0), tokens.end(1))).isEqualTo("tokenization");
        assertThat(tokens.word(0)).isEqualTo(tokens.word(1));
        assertThat(tokens.word(2)).isNotEqualTo(tokens.word(1));
    }

    @Test
    void wordOfMoreThanAHundredCharsIsOneUnknownToken() {
        // The BERT tokenizers give up on words longer than 100 chars: such a word costs one token, however long.
        String text = "before " + "x".repeat(5_000) + " after";

        TokenSpans tokens = ModelTokenizer.of(LocalModel.DEFAULT).tokenize(text);

        assertThat(tokens.count()).isEqualTo(3);
        assertThat(tokens.end(1) - tokens.start(1)).isEqualTo(5_000);
    }

    @Test
    void loadsOneTokenizerPerModel() {
        assertThat(ModelTokenizer.of(LocalModel.DEFAULT)).isSameAs(ModelTokenizer.of(LocalModel.DEFAULT));
        assertThat(ModelTokenizer.of(LocalModel.BGE_SMALL_EN_V15_Q))
                .isNotSameAs(ModelTokenizer.of(LocalModel.DEFAULT));
        assertThat(ModelTokenizer.of(LocalModel.BGE_SMALL_EN_V15_Q).model()).isEqualTo(LocalModel.BGE_SMALL_EN_V15_Q);
    }

    @Test
    void loadingATokenizerSwitchesDjlTelemetryAndDownloadsOff() {
        ModelTokenizer.of(LocalModel.DEFAULT);

        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }

    @Test
    void oneInstanceServesSeveralThreadsAtOnce() throws Exception {
        ModelTokenizer tokenizer = ModelTokenizer.of(LocalModel.DEFAULT);
        List<String> texts = IntStream.range(0, 64)
                .mapToObj(i -> ("Paragraph " + i + " of a document about syncing repositories. ").repeat(20 + i))
                .toList();
        List<Integer> expected = texts.stream().map(tokenizer::countTokens).toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> counts = new ArrayList<>();
            texts.forEach(text -> counts.add(() -> tokenizer.countTokens(text)));
            List<Integer> concurrent = new ArrayList<>();
            for (Future<Integer> count : pool.invokeAll(counts)) {
                concurrent.add(count.get());
            }
            assertThat(concurrent).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }
}
