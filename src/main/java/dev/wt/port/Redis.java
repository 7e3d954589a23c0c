package dev.wt.port;

import dev.wt.core.RedisUrl;

/** What wt asks of a Redis server: how many databases it has, whether one is empty, and to empty one. */
public interface Redis {

  /** Connects and logs in; an unreachable server or a refused login is an environment error (exit 3). */
  Session open(RedisUrl url);

  /** One connection. */
  interface Session extends AutoCloseable {

    /** How many numbered databases the server has ({@code CONFIG GET databases}; 16 when it will not say). */
    int databases();

    /** How many keys database {@code db} holds ({@code SELECT db}, {@code DBSIZE}). */
    long size(int db);

    /** Deletes every key of database {@code db} and of no other ({@code SELECT db}, {@code FLUSHDB}). */
    void flush(int db);

    @Override
    void close();
  }
}
