package com.saypro.triage.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.saypro.triage.incident.IncidentRepository;
import com.saypro.triage.incident.IncidentSummary;
import com.saypro.triage.timeline.IncidentChanged;

/**
 * The stream's sender with emitters that stand for the clients: one that reads, one that went
 * away, one that stopped reading. Whatever one client does, the others get their events.
 */
class IncidentStreamTest {

    /** Every incident asked for exists, on system rms. */
    private static final IncidentRepository INCIDENTS = new IncidentRepository(null) {
        @Override
        public List<IncidentSummary> findAll(Collection<Long> ids) {
            return ids.stream().map(id -> new IncidentSummary(id, "rms", "Disk full", "warning", "open", null, null,
                    null, 1, false, null, null, false, null, null, null, null, null, null, null, null)).toList();
        }
    };

    private final IncidentStream stream = new IncidentStream(INCIDENTS, 10, Duration.ofMillis(20),
            Duration.ofHours(1), Duration.ofMinutes(30), 5);
    private final CountDownLatch unblock = new CountDownLatch(1);

    @AfterEach
    void stop() {
        unblock.countDown();
        stream.stop();
    }

    /** A client that reads: what it was sent, the text of each event. */
    private static class Reading extends SseEmitter {

        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public void send(SseEventBuilder event) {
            received.add(event.build().stream().map(d -> String.valueOf(d.getData())).collect(Collectors.joining()));
        }

        /** The next event naming the incident within 2 s, or null. */
        String next(long incident) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            for (String event; (event = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null;) {
                if (event.contains("id=" + incident + ",")) {
                    return event;
                }
            }
            return null;
        }
    }

    /**
     * A client that went away: its write fails, and ending it is refused as Tomcat refuses an
     * application thread once the container has handled the error.
     */
    private static class Gone extends SseEmitter {

        final AtomicInteger sends = new AtomicInteger();

        @Override
        public void send(SseEventBuilder event) throws IOException {
            if (sends.incrementAndGet() > 1) {
                throw new IOException("Broken pipe");
            }
        }

        @Override
        public void completeWithError(Throwable ex) {
            throw new IllegalStateException("A non-container (application) thread attempted to use the AsyncContext"
                    + " after an error had occurred and the call to AsyncListener.onError() had returned.");
        }
    }

    /** A client that stopped reading: after the first event every write blocks. */
    private class Stalled extends SseEmitter {

        final AtomicInteger sends = new AtomicInteger();
        volatile boolean completed;

        @Override
        public void send(SseEventBuilder event) {
            if (sends.incrementAndGet() > 1) {
                try {
                    unblock.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void complete() {
            completed = true;
        }
    }

    /** Waits up to 2 s for the condition (a writer thread makes it come true). */
    private static void within(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void shouldSendTheChangesToTheOtherClientsWhenOneWentAwayAndEndingItIsRefused() throws Exception {
        stream.start();
        Gone gone = new Gone();
        Reading reading = new Reading();
        stream.open(null, gone);
        stream.open(null, reading);

        stream.changed(new IncidentChanged(1, IncidentChanged.SIGNALS));
        stream.changed(new IncidentChanged(2, IncidentChanged.SIGNALS));

        assertThat(reading.next(1)).as("the first incident's event").isNotNull();
        assertThat(reading.next(2)).as("the second incident's event, in the pass that found the client gone")
                .isNotNull();
        within(() -> stream.openStreams() == 1);
        assertThat(stream.openStreams()).as("the client that went away is forgotten").isEqualTo(1);
    }

    @Test
    void shouldKeepSendingToTheOthersWhileAClientStopsReadingAndCloseItWhenItsQueueIsFull() throws Exception {
        stream.start();
        Stalled stalled = new Stalled();
        Reading reading = new Reading();
        stream.open(null, stalled);
        stream.open(7L, reading);

        // Each pass queues one event for the stalled client; its writer is stuck on the first.
        for (long incident = 1; incident <= 8; incident++) {
            stream.changed(new IncidentChanged(incident, IncidentChanged.SIGNALS));
            stream.changed(new IncidentChanged(7, IncidentChanged.SIGNALS));
            assertThat(reading.next(7)).as("incident 7's event in pass %s", incident).isNotNull();
        }

        within(() -> stalled.completed);
        assertThat(stalled.completed).as("the stalled stream is ended once 5 events wait").isTrue();
        assertThat(stream.openStreams()).isEqualTo(1);
    }
}
