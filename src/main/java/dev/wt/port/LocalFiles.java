package dev.wt.port;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The local disk as the use cases see it, besides the generated files {@link WorktreeFiles}
 * guards: whether a folder is still there, small text files wt keeps or reads (markers,
 * {@code .git/info/exclude}, {@code .worktreeinclude}), and the files below a folder. Symlinks
 * are followed unless a method says otherwise.
 */
public interface LocalFiles {

  /** Whether {@code p} is a folder (or a symlink to one). */
  boolean isDirectory(Path p);

  /** Whether {@code p} is a folder itself, not a symlink to one. */
  boolean isRealDirectory(Path p);

  /** Whether {@code p} is a regular file (or a symlink to one). */
  boolean isFile(Path p);

  /** Whether anything is at {@code p}, a dangling symlink included. */
  boolean exists(Path p);

  /** Whether {@code p} is a symlink. */
  boolean isSymlink(Path p);

  /** The file system's identity of a file (device and inode on Unix); empty where there is none. */
  Optional<String> fileKey(Path p);

  /** The text of a regular file; empty when there is none at {@code file}. */
  Optional<String> read(Path file) throws IOException;

  /**
   * The lower-case hex SHA-256 of the bytes of {@code file} (a regular file, or a symlink to one),
   * read in pieces so a large one costs no memory; empty when there is no regular file there.
   */
  Optional<String> sha256(Path file) throws IOException;

  /** Replaces the text of {@code file} whole (written aside, then moved over it). */
  void replace(Path file, String text) throws IOException;

  /** Appends {@code text} to {@code file}, making it and its folders when missing. */
  void append(Path file, String text) throws IOException;

  /** The size of a file in bytes. */
  long size(Path file) throws IOException;

  /** Copies a file with its attributes, but no execute bit, to {@code target}, making its folders; fails when something is there. */
  void copyNew(Path source, Path target) throws IOException;

  /** Makes an empty file and its folders; fails when something is there. */
  void createEmpty(Path file) throws IOException;

  /** Deletes a file or symlink (not its target) if there is one; returns whether there was. */
  boolean deleteIfExists(Path p) throws IOException;

  /** Every file and symlink below {@code root} (not the folders), without following symlinks. */
  List<Path> filesBelow(Path root) throws IOException;

  /** The folders directly in {@code dir} (not symlinks to folders); empty when {@code dir} is no folder. */
  List<Path> foldersIn(Path dir) throws IOException;

  /** Writes {@code text} to {@code file}, replacing what was there; its folder must exist. */
  void write(Path file, String text) throws IOException;

  /** Every entry directly in {@code dir}; fails when {@code dir} cannot be listed (missing included). */
  List<Path> entriesIn(Path dir) throws IOException;

  /** When the file at {@code p} last changed; empty when it cannot be told. */
  Optional<java.time.Instant> modified(Path p);

  /** What is at a path a new folder should go to. */
  enum Spot { MISSING, NOT_A_FOLDER, EMPTY_FOLDER, FOLDER_WITH_ENTRIES }

  /**
   * What is at {@code p}: nothing, something that is no folder, an empty folder or one with entries.
   * With {@code followLinks} false a symlink (dangling or not) is something that is no folder.
   */
  Spot spot(Path p, boolean followLinks) throws IOException;

  /** Writes a new file (and its missing parent folders); fails when the file exists. */
  void writeNew(Path file, String text) throws IOException;
}
