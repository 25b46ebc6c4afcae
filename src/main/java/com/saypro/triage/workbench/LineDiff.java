package com.saypro.triage.workbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import com.saypro.triage.rules.RuleSource;

/**
 * A line diff of two texts, as unified hunks with a few lines of context: the longest common
 * subsequence of their lines, after the common start and end are set aside. Two texts whose
 * differing middles are both very long are shown as all removed and all added.
 */
public final class LineDiff {

    /** Lines of context around each change. */
    public static final int CONTEXT = 3;
    private static final long MAX_CELLS = 16_000_000L;

    private LineDiff() {
    }

    /** One line of a hunk: {@code kind} is {@code ' '} (context), {@code '-'} or {@code '+'}; numbers are 1-based, 0 when absent. */
    public record Line(char kind, int oldNumber, int newNumber, String text) {

        public boolean added() {
            return kind == '+';
        }

        public boolean removed() {
            return kind == '-';
        }
    }

    /** A run of changes with its context, headed {@code @@ -oldStart,oldCount +newStart,newCount @@}. */
    public record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<Line> lines) {

        public String header() {
            return "@@ -" + oldStart + "," + oldCount + " +" + newStart + "," + newCount + " @@";
        }
    }

    /** One file's changes: {@code status} is {@code added}, {@code removed} or {@code changed}. */
    public record FileDiff(String path, String status, int added, int removed, List<Hunk> hunks) {
    }

    /** The files that differ between two rule bases, by path. */
    public static List<FileDiff> of(List<RuleSource> before, List<RuleSource> after) {
        Map<String, String> old = new TreeMap<>();
        before.forEach(s -> old.put(s.path(), s.content()));
        Map<String, String> now = new TreeMap<>();
        after.forEach(s -> now.put(s.path(), s.content()));
        TreeSet<String> paths = new TreeSet<>(old.keySet());
        paths.addAll(now.keySet());
        List<FileDiff> files = new ArrayList<>();
        for (String path : paths) {
            String a = old.get(path);
            String b = now.get(path);
            if (Objects.equals(a, b)) {
                continue;
            }
            List<Hunk> hunks = hunks(a == null ? "" : a, b == null ? "" : b);
            int added = 0;
            int removed = 0;
            for (Hunk h : hunks) {
                for (Line l : h.lines()) {
                    added += l.added() ? 1 : 0;
                    removed += l.removed() ? 1 : 0;
                }
            }
            files.add(new FileDiff(path, a == null ? "added" : b == null ? "removed" : "changed", added, removed,
                    hunks));
        }
        return files;
    }

    /** The unified hunks turning text {@code a} into text {@code b}; empty when they are the same. */
    public static List<Hunk> hunks(String a, String b) {
        return group(lines(split(a), split(b)));
    }

    /** Every line of both texts in order: kept lines once, removed and added lines where they go. */
    static List<Line> lines(List<String> a, List<String> b) {
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        List<Line> out = new ArrayList<>(Math.max(a.size(), b.size()) + 8);
        for (int i = 0; i < start; i++) {
            out.add(new Line(' ', i + 1, i + 1, a.get(i)));
        }
        middle(a, b, start, endA, start, endB, out);
        for (int i = endA, j = endB; i < a.size(); i++, j++) {
            out.add(new Line(' ', i + 1, j + 1, a.get(i)));
        }
        return out;
    }

    private static void middle(List<String> a, List<String> b, int fromA, int toA, int fromB, int toB,
            List<Line> out) {
        int n = toA - fromA;
        int m = toB - fromB;
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (int i = fromA; i < toA; i++) {
                out.add(new Line('-', i + 1, 0, a.get(i)));
            }
            for (int j = fromB; j < toB; j++) {
                out.add(new Line('+', 0, j + 1, b.get(j)));
            }
            return;
        }
        // lcs[i][j]: the longest common subsequence of a[fromA + i ..] and b[fromB + j ..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(fromA + i).equals(b.get(fromB + j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(fromA + i).equals(b.get(fromB + j))) {
                out.add(new Line(' ', fromA + i + 1, fromB + j + 1, a.get(fromA + i)));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
                out.add(new Line('+', 0, fromB + j + 1, b.get(fromB + j)));
                j++;
            } else {
                out.add(new Line('-', fromA + i + 1, 0, a.get(fromA + i)));
                i++;
            }
        }
    }

    /** Changed lines with {@value #CONTEXT} lines of context, runs closer than twice that joined. */
    private static List<Hunk> group(List<Line> all) {
        List<Hunk> hunks = new ArrayList<>();
        int i = 0;
        while (i < all.size()) {
            if (all.get(i).kind() == ' ') {
                i++;
                continue;
            }
            int from = Math.max(0, i - CONTEXT);
            int to = i;
            int quiet = 0;
            // extend while the next change is within 2 * CONTEXT kept lines
            for (int k = i; k < all.size(); k++) {
                if (all.get(k).kind() == ' ') {
                    quiet++;
                    if (quiet > 2 * CONTEXT) {
                        break;
                    }
                } else {
                    quiet = 0;
                    to = k;
                }
            }
            int end = Math.min(all.size() - 1, to + CONTEXT);
            List<Line> lines = List.copyOf(all.subList(from, end + 1));
            hunks.add(hunk(lines));
            i = end + 1;
        }
        return hunks;
    }

    private static Hunk hunk(List<Line> lines) {
        int oldStart = 0;
        int newStart = 0;
        int oldCount = 0;
        int newCount = 0;
        for (Line l : lines) {
            if (l.kind() != '+') {
                oldCount++;
                if (oldStart == 0) {
                    oldStart = l.oldNumber();
                }
            }
            if (l.kind() != '-') {
                newCount++;
                if (newStart == 0) {
                    newStart = l.newNumber();
                }
            }
        }
        return new Hunk(oldStart, oldCount, newStart, newCount, lines);
    }

    /** The lines of a text; a final line break ends the last line rather than starting an empty one. */
    static List<String> split(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String[] parts = text.replace("\r\n", "\n").split("\n", -1);
        int n = parts[parts.length - 1].isEmpty() ? parts.length - 1 : parts.length;
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lines.add(parts[i]);
        }
        return lines;
    }
}
