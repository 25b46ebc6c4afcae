package com.saypro.triage.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.saypro.triage.rules.RuleSource;

/** The workbench's line diff: unified hunks with context, files added, removed and changed. */
class LineDiffTests {

    private static String render(List<LineDiff.Hunk> hunks) {
        return hunks.stream().map(h -> h.header() + "\n" + h.lines().stream().map(l -> l.kind() + l.text())
                .collect(Collectors.joining("\n"))).collect(Collectors.joining("\n"));
    }

    private static String numbered(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i <= to; i++) {
            s.append("line ").append(i).append('\n');
        }
        return s.toString();
    }

    @Test
    void shouldFindNoHunksInTheSameText() {
        assertThat(LineDiff.hunks("a\nb\n", "a\nb\n")).isEmpty();
    }

    @Test
    void shouldShowAChangedLineWithThreeLinesOfContext() {
        String before = numbered(1, 10);
        String after = before.replace("line 5\n", "line five\n");

        assertThat(render(LineDiff.hunks(before, after))).isEqualTo("""
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8""");
    }

    @Test
    void shouldNumberBothSidesAfterAnInsertion() {
        String before = numbered(1, 4);
        String after = "line 1\nline 2\nnew a\nnew b\nline 3\nline 4\n";

        List<LineDiff.Hunk> hunks = LineDiff.hunks(before, after);

        assertThat(hunks).hasSize(1);
        assertThat(hunks.get(0).header()).isEqualTo("@@ -1,4 +1,6 @@");
        assertThat(hunks.get(0).lines()).filteredOn(LineDiff.Line::added)
                .extracting(LineDiff.Line::newNumber).containsExactly(3, 4);
        assertThat(hunks.get(0).lines()).filteredOn(l -> l.kind() == ' ')
                .extracting(l -> l.oldNumber() + ">" + l.newNumber()).containsExactly("1>1", "2>2", "3>5", "4>6");
    }

    @Test
    void shouldKeepDistantChangesInSeparateHunksAndJoinCloseOnes() {
        String before = numbered(1, 30);
        String far = before.replace("line 2\n", "line two\n").replace("line 25\n", "");
        String near = before.replace("line 10\n", "line ten\n").replace("line 15\n", "line fifteen\n");

        assertThat(LineDiff.hunks(before, far)).extracting(LineDiff.Hunk::header)
                .containsExactly("@@ -1,5 +1,5 @@", "@@ -22,7 +22,6 @@");
        assertThat(LineDiff.hunks(before, near)).extracting(LineDiff.Hunk::header)
                .containsExactly("@@ -7,12 +7,12 @@");
    }

    @Test
    void shouldPreferTheLongestCommonLinesOverAPositionalMatch() {
        String before = "a\nb\nc\nd\n";
        String after = "b\nc\nd\ne\n";

        assertThat(render(LineDiff.hunks(before, after))).isEqualTo("""
                @@ -1,4 +1,4 @@
                -a
                 b
                 c
                 d
                +e""");
    }

    @Test
    void shouldListAddedRemovedAndChangedFilesByPath() {
        List<RuleSource> before = List.of(new RuleSource("infra/Disk.drl", "x\ny\n"),
                new RuleSource("infra/Old.drl", "old\n"), new RuleSource("web/Same.drl", "same\n"));
        List<RuleSource> after = List.of(new RuleSource("infra/Disk.drl", "x\nz\n"),
                new RuleSource("infra/New.drl", "new\n"), new RuleSource("web/Same.drl", "same\n"));

        List<LineDiff.FileDiff> files = LineDiff.of(before, after);

        assertThat(files).extracting(f -> f.path() + " " + f.status() + " +" + f.added() + " -" + f.removed())
                .containsExactly("infra/Disk.drl changed +1 -1", "infra/New.drl added +1 -0",
                        "infra/Old.drl removed +0 -1");
        assertThat(files.get(1).hunks().get(0).header()).isEqualTo("@@ -0,0 +1,1 @@");
        assertThat(files.get(2).hunks().get(0).header()).isEqualTo("@@ -1,1 +0,0 @@");
    }

    @Test
    void shouldTreatALastLineWithoutLineBreakAsALine() {
        assertThat(render(LineDiff.hunks("a\nb", "a\nb\nc"))).isEqualTo("""
                @@ -1,2 +1,3 @@
                 a
                 b
                +c""");
    }
}
