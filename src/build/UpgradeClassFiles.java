import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step: rewrites class files older than Java 6 (picocli ships Java 5 ones) in a jar as Java 8
 * class files with stack maps. The JVM's class-data archives (CDS, the JDK 25 AOT cache) skip
 * pre-Java-6 classes, so without this every run loads and verifies them from the jar again.
 * Usage: java -cp asm.jar UpgradeClassFiles.java JAR
 */
public final class UpgradeClassFiles {

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    Path out = jar.resolveSibling(jar.getFileName() + ".tmp");
    int upgraded = 0;
    try (ZipFile zip = new ZipFile(jar.toFile());
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()});
        ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/") && major(bytes) < 50) {
          bytes = upgrade(bytes, loader);
          upgraded++;
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        z.putNextEntry(copy);
        z.write(bytes);
        z.closeEntry();
      }
    }
    Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("UpgradeClassFiles: " + upgraded + " class files of " + jar.getFileName() + " now Java 8");
  }

  private static int major(byte[] c) {
    return c.length < 8 ? Integer.MAX_VALUE : ((c[6] & 0xff) << 8) | (c[7] & 0xff);
  }

  private static byte[] upgrade(byte[] bytes, ClassLoader loader) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return loader;
      }
    };
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    }, 0);
    return writer.toByteArray();
  }
}
