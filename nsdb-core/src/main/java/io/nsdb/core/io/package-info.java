/**
 * The seam between storage code and the file system: {@link io.nsdb.core.io.FileIo} and {@link
 * io.nsdb.core.io.FileHandle}, with a {@code java.nio} implementation for production. Storage code
 * never calls {@code Files} or {@code FileChannel} itself, so that tests can fail a chosen call or
 * simulate a crash that loses everything not yet forced (the habit of QuestDB's {@code FilesFacade}
 * and Lucene's {@code MockDirectoryWrapper}).
 */
package io.nsdb.core.io;
