package dev.wt.app.process;

import dev.wt.port.ProcessTable.Proc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which processes of a snapshot to stop for a folder, and how: a whole process group when every
 * member of it is to be stopped, else pid by pid. Pure: decided from the snapshot alone.
 *
 * @param targets processes whose working directory is inside the folder and that may be stopped
 * @param groups process groups made only of targets (signalled as groups, catching late forks)
 * @param pids targets signalled one by one (their group also holds processes that must live)
 * @param spared processes inside the folder that wt never signals, with the reason
 */
public record StopPlan(List<Proc> targets, List<Long> groups, List<Long> pids, List<Spared> spared) {

  /** The argument the launcher passes to build wt's class-data archive (killing it would wedge it). */
  static final String WARMUP = "__warm";

  /**
   * Programs that, on a terminal, hold someone's unsaved work (editors) or are someone reading
   * (pagers): killing them loses what the worktree's dirty check cannot see. Dev servers, even in
   * a terminal's foreground, are not in this list and are stopped.
   */
  static final Set<String> INTERACTIVE = Set.of("vi", "vim", "nvim", "view", "emacs", "emacsclient", "nano", "pico",
      "hx", "helix", "micro", "kak", "joe", "mg", "less", "more", "most", "man", "tmux", "screen", "zellij");

  /** A process inside the folder that is left alone. */
  public record Spared(Proc proc, String reason) {}

  public StopPlan {
    targets = List.copyOf(targets);
    groups = List.copyOf(groups);
    pids = List.copyOf(pids);
    spared = List.copyOf(spared);
  }

  /**
   * Plans the stop of everything under {@code root} except what lies under {@code excluded}
   * (worktrees nested inside it), never touching {@code self}, its ancestors, or their groups as
   * a whole.
   */
  public static StopPlan of(List<Proc> snapshot, long self, Path root, List<Path> excluded) {
    Map<Long, Proc> byPid = new HashMap<>();
    snapshot.forEach(p -> byPid.put(p.pid(), p));
    Set<Long> protectedPids = ancestors(snapshot, self);
    Set<Long> protectedGroups = new HashSet<>();
    protectedPids.stream().map(byPid::get).filter(p -> p != null).forEach(p -> protectedGroups.add(p.pgid()));
    // the launcher builds its start-up cache in a background subshell; killing that would leave
    // the cache's lock behind for good
    Set<Long> warmup = new HashSet<>();
    for (Proc p : snapshot) {
      if (p.command().endsWith(" " + WARMUP)) {
        warmup.add(p.pid());
        warmup.add(p.ppid());
      }
    }
    List<Proc> targets = new ArrayList<>();
    List<Spared> spared = new ArrayList<>();
    Set<Long> targetPids = new HashSet<>();
    for (Proc p : snapshot) {
      if (!inside(p, root, excluded)) {
        continue;
      }
      if (p.pid() == self) {
        spared.add(new Spared(p, "wt itself"));
      } else if (protectedPids.contains(p.pid())) {
        spared.add(new Spared(p, "an ancestor of this wt"));
      } else if (warmup.contains(p.pid())) {
        spared.add(new Spared(p, "wt's start-up cache being built"));
      } else if (p.interactiveShell()) {
        spared.add(new Spared(p, "an interactive shell on a terminal"));
      } else if (p.terminal() && INTERACTIVE.contains(program(p.command()))) {
        spared.add(new Spared(p, "an editor or pager on a terminal: close it yourself"));
      } else if (p.pid() == 1) {
        spared.add(new Spared(p, "init"));
      } else {
        targets.add(p);
        targetPids.add(p.pid());
      }
    }
    Set<Long> groups = new LinkedHashSet<>();
    List<Long> pids = new ArrayList<>();
    for (Proc p : targets) {
      long g = p.pgid();
      boolean whole = g > 1 && !protectedGroups.contains(g)
          && snapshot.stream().filter(o -> o.pgid() == g).allMatch(o -> targetPids.contains(o.pid()));
      if (whole) {
        groups.add(g);
      } else {
        pids.add(p.pid());
      }
    }
    return new StopPlan(targets, new ArrayList<>(groups), pids, spared);
  }

  /** {@code self} and every ancestor of it the snapshot shows. */
  static Set<Long> ancestors(List<Proc> snapshot, long self) {
    Map<Long, Proc> byPid = new HashMap<>();
    snapshot.forEach(p -> byPid.put(p.pid(), p));
    Set<Long> out = new HashSet<>();
    for (Long pid = self; pid != null && pid > 0 && out.add(pid); ) {
      Proc p = byPid.get(pid);
      pid = p == null ? null : p.ppid();
    }
    return out;
  }

  /** This plan less the processes already dealt with (a group stays if it has someone left). */
  public StopPlan without(List<Proc> handled) {
    List<Proc> left = targets.stream()
        .filter(p -> handled.stream().noneMatch(h -> h.pid() == p.pid() && h.startTime() == p.startTime()))
        .toList();
    List<Long> leftGroups = groups.stream().filter(g -> left.stream().anyMatch(p -> p.pgid() == g)).toList();
    List<Long> leftPids = pids.stream().filter(pid -> left.stream().anyMatch(p -> p.pid() == pid)).toList();
    return new StopPlan(left, leftGroups, leftPids, spared);
  }

  /** Whether the plan signals {@code p} through its group rather than by pid. */
  public boolean viaGroup(Proc p) {
    return groups.contains(p.pgid()) && !pids.contains(p.pid());
  }

  /** The program's file name: {@code /usr/bin/nvim -u x} gives {@code nvim}. */
  static String program(String command) {
    String first = command.strip().split("\\s+", 2)[0];
    String name = first.substring(first.lastIndexOf('/') + 1);
    return name.startsWith("-") ? name.substring(1) : name; // a login shell's -zsh
  }

  static boolean inside(Proc p, Path root, List<Path> excluded) {
    if (p.cwd() == null || !p.cwd().startsWith(root)) {
      return false;
    }
    return excluded.stream().noneMatch(e -> p.cwd().startsWith(e));
  }
}
