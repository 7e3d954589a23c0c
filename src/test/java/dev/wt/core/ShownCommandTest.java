package dev.wt.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShownCommandTest {

  @Test
  void wts_own_jvm_is_shown_as_the_wt_command_it_runs() {
    assertEquals("wt run -- npm run dev", ShownCommand.of("/usr/lib/jvm/java-17/bin/java -XX:TieredStopAtLevel=1 "
        + "-XX:SharedArchiveFile=/home/u/.cache/wt/wt-17.jsa -Xss2m -jar /home/u/.local/bin/wt run -- npm run dev"));
    assertEquals("wt run -- node server.js", ShownCommand.of("java -jar target/wt-0.1.0.jar run -- node server.js"));
    assertEquals("wt __warm", ShownCommand.of("/opt/jdk/bin/java -XX:AOTCacheOutput=x -jar /p/wt __warm"));
    assertEquals("wt down feat/x", ShownCommand.of("java -cp target/classes dev.wt.Main down feat/x"));
  }

  @Test
  void other_programs_and_other_jars_are_left_as_they_are() {
    assertEquals("npm run dev", ShownCommand.of("npm run dev"));
    assertEquals("java -jar app.jar --port 3000", ShownCommand.of("java -jar app.jar --port 3000"));
    assertEquals("/usr/bin/java -jar /srv/wtf/server.jar", ShownCommand.of("/usr/bin/java -jar /srv/wtf/server.jar"));
  }
}
