package dev.trustlift.core.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** The journal's one JDBC connection: a lock around every use, and one committed transaction per write. */
final class JournalConnection {
    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    JournalConnection(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    interface Work<T> {
        T run() throws SQLException;
    }

    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> T write(String what, Work<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new JournalException("could not " + what + " in the journal " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    <T> T read(Work<T> work) {
        lock.lock();
        try {
            return work.run();
        } catch (SQLException e) {
            throw new JournalException("could not read the journal " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            bindAll(s, parameters);
            try (ResultSet rs = s.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
                return rows;
            }
        }
    }

    int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            bindAll(s, parameters);
            return s.executeUpdate();
        }
    }

    private static void bindAll(PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
    }

    /** For statements a caller binds itself; only inside {@link #write} or {@link #read}. */
    PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new JournalException("could not close the journal " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
