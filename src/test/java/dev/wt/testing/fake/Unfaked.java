package dev.wt.testing.fake;

import java.lang.reflect.Proxy;

/**
 * A port the use-case tests do not fake because it is too wide to fake cheaply and honestly
 * (starting an embedded cluster, docker, {@code pg_dump | pg_restore}): every call fails loudly,
 * so a test that reaches one knows it belongs in the outer ring (the CLI against real parts).
 */
public final class Unfaked {

  private Unfaked() {}

  public static <T> T of(Class<T> port) {
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "toString" -> "unfaked " + port.getSimpleName();
          case "hashCode" -> System.identityHashCode(proxy);
          default -> proxy == args[0];
        };
      }
      throw new UnsupportedOperationException(port.getSimpleName() + "." + method.getName()
          + " is not faked: test it through the CLI against the real thing");
    }));
  }
}
