package io.github.junitloadtest.internal.run;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The turn of one load on this machine: two loads at once would share its cores and network, and
 * neither verdict would be true. Held from before the test method's execution to after it, so the
 * wait does not count against a JUnit {@code @Timeout}.
 *
 * <p>Across JVMs (Surefire and Failsafe forks, {@code forkCount > 1}, two builds) the turn is an
 * exclusive OS lock on a lock file, which the OS releases when its JVM dies however it dies. Within a
 * JVM it is a fair semaphore per lock file: the OS lock belongs to the whole process, and a second
 * {@link FileChannel#lock} of the same file in one JVM would throw instead of waiting. A holder never
 * waits for a second permit, so nothing can wait in a circle.
 */
public final class LoadPermit implements AutoCloseable {

    // One per lock file for the JVM's lifetime: the turn is shared by every test of the JVM, whatever context runs it.
    private static final ConcurrentMap<Path, Semaphore> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Semaphore inThisJvm;
    private final Optional<FileChannel> acrossJvms;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LoadPermit(Semaphore inThisJvm, Optional<FileChannel> acrossJvms) {
        this.inThisJvm = inThisJvm;
        this.acrossJvms = acrossJvms;
    }

    /** The machine's lock file: {@code junit-loadtest-<user>.lock} in {@code java.io.tmpdir}. */
    public static Path defaultLockFile() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "junit-loadtest-" + user + ".lock");
    }

    /**
     * Waits for the turn. A wait for another JVM is told in one line; a wait for a load in this JVM is
     * not, as it was before, since JUnit shows which test runs.
     *
     * @param lockFile the lock file, created when missing
     * @param holder who waits, for the notice: {@code "load test Class.method"}
     * @param notice receives the line when it has to wait for another JVM, or a warning when the lock
     *     file cannot be used (then only loads in this JVM take turns)
     * @return the permit; closing it gives up the turn
     * @throws InterruptedException when interrupted while waiting; no turn is then held
     */
    public static LoadPermit acquire(Path lockFile, String holder, Consumer<String> notice)
            throws InterruptedException {
        Path file = lockFile.toAbsolutePath().normalize();
        Semaphore inThisJvm = IN_THIS_JVM.computeIfAbsent(file, key -> new Semaphore(1, true));
        inThisJvm.acquire();
        try {
            return new LoadPermit(inThisJvm, lockAcrossJvms(file, holder, notice));
        } catch (InterruptedException | RuntimeException | Error notHeld) {
            inThisJvm.release();
            throw notHeld;
        }
    }

    private static Optional<FileChannel> lockAcrossJvms(Path file, String holder, Consumer<String> notice)
            throws InterruptedException {
        FileChannel channel;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException unusable) {
            notice.accept(unusable(holder, file, unusable));
            return Optional.empty();
        }
        try {
            if (channel.tryLock() == null) {
                notice.accept(
                        holder + " waits for a load test in another JVM on this machine to finish (lock " + file + ")");
                channel.lock();
            }
            return Optional.of(channel);
        } catch (ClosedByInterruptException | FileLockInterruptionException interrupted) {
            closeQuietly(channel);
            Thread.interrupted();
            throw new InterruptedException(holder + " was interrupted while waiting for its turn (lock " + file + ")");
        } catch (IOException | OverlappingFileLockException unusable) {
            closeQuietly(channel);
            notice.accept(unusable(holder, file, unusable));
            return Optional.empty();
        }
    }

    private static String unusable(String holder, Path file, Exception cause) {
        return "warning: " + holder + " could not lock " + file + " (" + cause + "); a load test in another JVM on"
                + " this machine may run at the same time";
    }

    /** Gives up the turn: the lock first, then this JVM's semaphore. Closing again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                acrossJvms.ifPresent(LoadPermit::closeQuietly);
            } finally {
                inThisJvm.release();
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            // Closing the channel releases its lock.
            channel.close();
        } catch (IOException ignored) {
            // The OS releases the lock with the descriptor in any case.
        }
    }
}
