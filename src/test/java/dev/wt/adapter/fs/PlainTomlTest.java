package dev.wt.adapter.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PlainToml reads TOML 1.0 into plain values and refuses what TOML 1.0 refuses, naming the line. The
 * corpora here are shared with {@link PlainTomlDifferentialTest}, which holds them against Jackson.
 */
class PlainTomlTest {

  /** Valid documents covering the spec, section by section (Jackson reads every one the same). */
  static final List<String> VALID = List.of(
      "",
      "\n\n  \t\n",
      "# only a comment",
      "# top\na = 1 # after a value\n# between\n\n[t] # after a header\nb = 2\n  # indented\n",
      "a = 1# no space\nb = \"x\"# c\nc = [1,2]# c\nd = {e = 1}# c\n",
      "\t a \t=\t 1 \t\n\t[ t ]\t\n\tb=2",
      "a = 1",
      "a = 1\r\n[t]\r\nb = \"x\"\r\n# c\r\nc = [\r\n  1,\r\n]\r\n",
      // keys
      "bare_key = 1\nbare-key = 2\n1234 = 3\n\"127.0.0.1\" = 4\n\"character encoding\" = 5\n\"ʎǝʞ\" = 6\n"
          + "'key2' = 7\n'quoted \"value\"' = 8\n\"\" = 9\n-_- = 10\n",
      "'' = 'empty literal key'",
      "name = \"Orange\"\nphysical.color = \"orange\"\nphysical.shape = \"round\"\nsite.\"google.com\" = true\n"
          + "fruit . flavor = \"banana\"\n3.14159 = \"pi\"\na.'b.c'.\"d\" = 1\n",
      "apple.type = \"fruit\"\norange.type = \"fruit\"\napple.skin = \"thin\"\napple.color = \"red\"\n",
      "a = 1\n[b]\na = 2\n[b.c]\na = 3\n[d]\nb.c.a = 4",
      "\"a\\u0062\" = 1\n\"\\n\" = 2",
      // strings
      "s = \"tab\\there \\b\\f\\n\\r \\\"q\\\" \\\\ \\u00E9 \\U0001F600 \\u0000 \\U0010FFFF\"\n",
      "s = \"a\tliteral tab\"\nl = 'a\tliteral tab'\n",
      "winpath = 'C:\\Users\\nodejs\\templates'\nwinpath2 = '\\\\ServerX\\admin$\\system32\\'\n"
          + "quoted = 'Tom \"Dubs\" Preston-Werner'\nregex = '<\\i\\c*\\s*>'\n",
      "u = \"日本語 😀\" # ünïcödé ✓\nv = '日本語'\n",
      "s1 = \"\"\"\nRoses are red\nViolets are blue\"\"\"\n"
          + "s2 = \"\"\"\\\n  The quick \\\n  brown \\   \n\n  fox.\\\n  \"\"\"\n"
          + "s3 = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\n"
          + "s4 = \"\"\"Here are three quotation marks: \"\"\\\".\"\"\"\n"
          + "s5 = \"\"\"Here are fifteen quotation marks: \"\"\\\"\"\"\\\"\"\"\\\"\"\"\\\"\"\"\\\".\"\"\"\n"
          + "s6 = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\n"
          + "s7 = \"\"\"a\"\"\"\"\"\n",
      "r1 = '''I [dw]on't need \\d{2} apples'''\nr2 = '''\nThe first newline is\ntrimmed in raw strings.\n"
          + "   All other whitespace\n   is preserved.\n'''\n"
          + "quot15 = '''Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"'''\n"
          + "apos15 = \"Here are fifteen apostrophes: '''''''''''''''\"\n"
          + "str = ''''That,' she said, 'is still pointless.''''\n",
      "a = \"\"\"\"\"\"\nb = ''''''\nc = \"\"\"\n\"\"\"\nd = '''\n'''\n",
      "crlf = \"\"\"\r\nfirst\r\nsecond\"\"\"\r\njoined = \"\"\"a \\\r\n   b\"\"\"\r\n",
      "escaped_backslash = \"\"\"x\\\\\ny\"\"\"\ntabs = \"\"\"\tindented\n\t\"\"\"\n",
      "ml_in_inline = { a = \"\"\"x\ny\"\"\", b = '''z''' }",
      // integers
      "int1 = +99\nint2 = 42\nint3 = 0\nint4 = -17\nint5 = 1_000\nint6 = 5_349_221\nint7 = 53_49_221\n"
          + "int8 = 1_2_3_4_5\nbig = 123456789012345678\nneg = -123456789012345678\nz1 = +0\nz2 = -0\n",
      "hex1 = 0xDEADBEEF\nhex2 = 0xdeadbeef\nhex3 = 0xdead_beef\nhex4 = 0x00ff\nhexmax = 0x7FFF_FFFF_FFFF_FFFF\n"
          + "oct1 = 0o01234567\noct2 = 0o755\noctmax = 0o777777777777777777777\n"
          + "bin1 = 0b11010110\nbin2 = 0b0000_0001\n"
          + "binmax = 0b111111111111111111111111111111111111111111111111111111111111111\n",
      // floats
      "flt1 = +1.0\nflt2 = 3.1415\nflt3 = -0.01\nflt4 = 5e+22\nflt5 = 1e06\nflt6 = -2E-2\nflt7 = 6.626e-34\n"
          + "flt8 = 224_617.445_991_228\nflt9 = 1e1_0\nflt10 = 0.0\nflt11 = +0.0\nflt12 = 0e0\nflt13 = 1E5\n"
          + "flt14 = 1.7976931348623157e308\nflt15 = 4.9e-324\nflt16 = 0.1\nflt17 = 1e400\n",
      "sf1 = inf\nsf2 = +inf\nsf3 = -inf\nsf4 = nan\nsf5 = +nan\nsf6 = -nan\n",
      // booleans
      "t = true\nf = false\n",
      // dates and times
      "odt1 = 1979-05-27T07:32:00Z\nodt2 = 1979-05-27T00:32:00-07:00\nodt3 = 1979-05-27T00:32:00.999999-07:00\n"
          + "odt4 = 1979-05-27 07:32:00Z\nodt5 = 1979-05-27t07:32:00+05:30\nodt6 = 1979-05-27T07:32:00.5Z\n"
          + "ldt1 = 1979-05-27T07:32:00\nldt2 = 1979-05-27T00:32:00.999999\nldt3 = 1979-05-27 00:32:00\n"
          + "ld1 = 1979-05-27\nlt1 = 07:32:00\nlt2 = 00:32:00.999999\nleap = 2000-02-29\nleap4 = 2024-02-29\n"
          + "ends = 1999-12-31T23:59:59.999999999+23:59\n",
      "d = 1979-05-27 # a date, then a comment\n",
      "d = [1979-05-27, 07:32:00, 1979-05-27T07:32:00Z, 1979-05-27 07:32:00]\ni = { d = 1979-05-27 }\n",
      // arrays
      "integers = [ 1, 2, 3 ]\ncolors = [ \"red\", \"yellow\", \"green\" ]\nnested = [ [ 1, 2 ], [3, 4, 5] ]\n"
          + "mixed = [ [ 1, 2 ], [\"a\", \"b\", \"c\"] ]\nstrings = [ \"all\", 'strings', \"\"\"are the same\"\"\", '''type''' ]\n"
          + "numbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]\n"
          + "contributors = [\n  \"Foo Bar <foo@example.com>\",\n"
          + "  { name = \"Baz Qux\", email = \"bazqux@example.com\", url = \"https://example.com/bazqux\" }\n]\n",
      "a = [\n  1, 2, 3\n]\nb = [\n  1,\n  2, # this is ok\n]\nc = []\nd = [ # c\n]\ne = [\n\n# c\n\n  1 # c\n  ,\n\n 2\n]\n"
          + "f = [[], [[]], [{}]]\ng = [1,]\n",
      "points = [ { x = 1, y = 2, z = 3 },\n           { x = 7, y = 8, z = 9 },\n           { x = 2, y = 4, z = 8 } ]\n",
      // inline tables
      "name = { first = \"Tom\", last = \"Preston-Werner\" }\npoint = { x = 1, y = 2 }\nanimal = { type.name = \"pug\" }\n"
          + "empty = {}\nspaced = {  }\nnested = { a = { b = { c = 1 } }, d = [1, {e = 2}] }\n"
          + "dotted = { a.b = 1, a.c = 2, d = 3 }\n",
      "[product]\ntype = { name = \"Nail\" }\n[other]\ntype.name = \"Nail\"\n",
      // tables
      "[table-1]\nkey1 = \"some string\"\nkey2 = 123\n\n[table-2]\nkey1 = \"another string\"\nkey2 = 456\n",
      "[dog.\"tater.man\"]\ntype.name = \"pug\"\n[a.b.c]\n[ d.e.f ]\n[ g .  h  . i ]\n[ j . \"ʞ\" . 'l' ]\n",
      "[x.y.z.w]\n[x]\n",
      "[fruit.apple]\n[animal]\n[fruit.orange]\n",
      "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true\n",
      "name = \"Fido\"\nbreed = \"pug\"\n[owner]\nname = \"Regina Dogman\"\nmember_since = 1999-08-04\n",
      "[a.b]\nc = 1\n[a]\nd = 2\n",
      "[a.b.c]\nz = 9\n[a]\nb.d = 1\n",
      "a.b.c = 1\n[a.b.d]\ne = 2\n",
      // arrays of tables
      "[[products]]\nname = \"Hammer\"\nsku = 738594937\n\n[[products]]  # empty table within the array\n\n"
          + "[[products]]\nname = \"Nail\"\nsku = 284758393\n\ncolor = \"gray\"\n",
      "[[fruits]]\nname = \"apple\"\n\n[fruits.physical]  # subtable\ncolor = \"red\"\nshape = \"round\"\n\n"
          + "[[fruits.varieties]]  # nested array of tables\nname = \"red delicious\"\n\n[[fruits.varieties]]\n"
          + "name = \"granny smith\"\n\n\n[[fruits]]\nname = \"banana\"\n\n[[fruits.varieties]]\nname = \"plantain\"\n",
      "[[a]]\n[a.b]\n[[a.b.c]]\nx = 1\n[[a.b.c]]\nx = 2\n[[a]]\n[[a.b.c]]\nx = 3\n[a.b.d]\ny = 4\n",
      "[[a]]\nb = 1\n[a.c]\nd = 1\n[[a]]\n[a.c]\n",
      "[[ a . b ]]\nx = 1\n[[ a . b ]]\nx = 2\n",
      "[[a]]\n[[a.b]]\n[a.b.c]\n[[a.b.c.d]]\n",
      "[t]\n[[t.a]]\n[[t.a]]\n[t.b]\n",
      "a = [[{b = 1}], []]\n");

  /** A document both readers refuse, and the line the error names. */
  record Invalid(int line, String doc) {}

  static final List<Invalid> INVALID = List.of(
      // values
      new Invalid(2, "a = 1\nb = "),
      new Invalid(2, "a = 1\nb = \n"),
      new Invalid(1, "a = TRUE"),
      new Invalid(1, "a = True"),
      new Invalid(1, "a = truee"),
      new Invalid(1, "a = hello"),
      new Invalid(1, "a = 1 b = 2"),
      new Invalid(1, "a = \"x\" \"y\""),
      new Invalid(1, "a = {b = 1} x"),
      new Invalid(1, "a = 1 = 2"),
      // keys
      new Invalid(1, "a\n= 1"),
      new Invalid(1, "= 1"),
      new Invalid(1, "a b = 1"),
      new Invalid(1, ".a = 1"),
      new Invalid(1, "a. = 1"),
      new Invalid(1, "a..b = 1"),
      new Invalid(1, "\"\"\"key\"\"\" = 1"),
      new Invalid(1, "ʎ = 1"),
      new Invalid(1, "a"),
      // strings
      new Invalid(1, "a = \"x"),
      new Invalid(1, "a = \"x\ny\""),
      new Invalid(1, "a = 'x\ny'"),
      new Invalid(1, "a = \"\\q\""),
      new Invalid(1, "a = \"\\x41\""),
      new Invalid(1, "a = \"\\e\""),
      new Invalid(1, "a = \"\\u12\""),
      new Invalid(1, "a = \"\\U00110000\""),
      new Invalid(1, "a = \"\\\""),
      new Invalid(1, "a = \"x\u0001\""),
      new Invalid(1, "a = \"x\u007f\""),
      new Invalid(1, "a = 'x\u0000'"),
      new Invalid(2, "a = 1\n# bell \u0007"),
      new Invalid(2, "a = \"\"\"\nx\u0008\"\"\""),
      new Invalid(1, "a = \"\"\"x"),
      new Invalid(1, "a = '''x"),
      new Invalid(1, "a = \"\"\"x\"\"\"\"\"\""),
      new Invalid(1, "a = '''x''''''"),
      new Invalid(1, "a = \"\"\"\\  x\"\"\""),
      // numbers
      new Invalid(1, "a = 01"),
      new Invalid(1, "a = -01"),
      new Invalid(1, "a = 00"),
      new Invalid(1, "a = 0_0"),
      new Invalid(1, "a = 1__0"),
      new Invalid(1, "a = _1"),
      new Invalid(1, "a = 1_"),
      new Invalid(1, "a = 0x_1"),
      new Invalid(1, "a = 0x"),
      new Invalid(1, "a = +0x1"),
      new Invalid(1, "a = 0X1F"),
      new Invalid(1, "a = 0b102"),
      new Invalid(1, "a = 0o8"),
      new Invalid(1, "a = 1."),
      new Invalid(1, "a = .1"),
      new Invalid(1, "a = 1e"),
      new Invalid(1, "a = 1.e5"),
      new Invalid(1, "a = 1e_5"),
      new Invalid(1, "a = 1_.0"),
      new Invalid(1, "a = 1._0"),
      new Invalid(1, "a = 1.0_"),
      new Invalid(1, "a = 01.5"),
      new Invalid(1, "a = +"),
      new Invalid(1, "a = infinity"),
      new Invalid(1, "a = NaN"),
      // dates and times
      new Invalid(1, "a = 1979-05-27T07:32"),
      new Invalid(1, "a = 1979-5-27"),
      new Invalid(1, "a = 07:32"),
      new Invalid(1, "a = 1979-05-27T07:32:00+0700"),
      new Invalid(1, "a = 1979-05-27T07:32:00."),
      new Invalid(1, "a = 07:32:00Z"),
      // arrays and inline tables
      new Invalid(1, "a = [1,,2]"),
      new Invalid(1, "a = [,]"),
      new Invalid(1, "a = [1 2]"),
      new Invalid(1, "a = [1,"),
      new Invalid(6, "a = 1\n\n\nb = [\n1\nc = 3"),
      new Invalid(1, "a = {b = 1,}"),
      new Invalid(1, "a = {b = 1,\nc = 2}"),
      new Invalid(1, "a = {\nb = 1}"),
      new Invalid(1, "a = { b = 1 # c\n}"),
      new Invalid(1, "a = {"),
      new Invalid(1, "a = {b = 1 c = 2}"),
      new Invalid(1, "a = {x = 1, x = 2}"),
      new Invalid(1, "a = {x = {y = 1}, x.z = 2}"),
      // headers
      new Invalid(1, "[a"),
      new Invalid(1, "[[a]"),
      new Invalid(1, "[ [a] ]"),
      new Invalid(1, "[]"),
      new Invalid(1, "[a.]"),
      new Invalid(1, "[.a]"),
      new Invalid(1, "[a..b]"),
      new Invalid(1, "[a] b = 1"),
      // redefinitions
      new Invalid(2, "a = 1\na = 2"),
      new Invalid(2, "name = \"a\"\n\"name\" = \"b\""),
      new Invalid(2, "a.b = 1\na.b = 2"),
      new Invalid(2, "a.b = 1\na = 2"),
      new Invalid(2, "[a]\n[a]"),
      new Invalid(3, "[a]\nb = 1\n[a]"),
      new Invalid(2, "a = 1\n[a]"),
      new Invalid(2, "a = 1\n[a.b]"),
      new Invalid(2, "a = [1]\n[[a]]"),
      new Invalid(2, "a = []\n[[a]]"),
      new Invalid(2, "a = [{b = 1}]\n[[a]]"),
      new Invalid(2, "a = [{b = 1}]\n[a.c]"),
      new Invalid(3, "a = 1\n# comment\n[[a]]"),
      new Invalid(2, "a = {b = 1}\n[a]"),
      new Invalid(2, "a = {b = 1}\na.c = 2"),
      new Invalid(2, "a = {b = 1}\n[a.c]"),
      new Invalid(3, "[t]\na = {}\n[t.a.b]"),
      new Invalid(2, "a.b = 1\n[a]"),
      new Invalid(3, "[a]\nb.c = 1\n[a.b]"),
      new Invalid(4, "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.taste]"),
      new Invalid(2, "[[a]]\n[a]"),
      new Invalid(2, "[a]\n[[a]]"),
      new Invalid(3, "[[a]]\nb = 1\n[a.b]"),
      new Invalid(3, "[fruit.physical]\ncolor = \"red\"\n[[fruit]]"),
      new Invalid(3, "[[fruits]]\n[[fruits.varieties]]\n[fruits.varieties]"),
      new Invalid(3, "[[fruits]]\n[fruits.physical]\n[[fruits.physical]]"),
      // line ends
      new Invalid(1, "a = 1\rb = 2"),
      new Invalid(3, "a = 1\r\n\r\nb = 2 x\r\n"));

  @Test
  void every_invalid_document_is_refused_with_its_line_and_column() {
    for (Invalid bad : INVALID) {
      PlainToml.InvalidToml e = assertThrows(PlainToml.InvalidToml.class, () -> PlainToml.parse(bad.doc()), bad.doc());
      assertTrue(e.getMessage().startsWith("line " + bad.line() + ", column " + e.column() + ": "),
          e.getMessage() + " for\n" + bad.doc());
      assertEquals(bad.line(), e.line(), e.getMessage() + " for\n" + bad.doc());
      assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    }
  }

  @Test
  void errors_say_what_was_expected_where() {
    assertError("line 3, column 6: expected '=' after the key, found ':'", "a = 1\n[t]\nname : \"x\"");
    assertError("line 1, column 7: expected the end of the line after the value, found 'b'", "a = 1 b = 2");
    assertError("line 2, column 1: key 'a' is defined twice", "a = 1\na = 2");
    assertError("line 4, column 1: key 't.b.c' is defined twice", "[t]\nb.c = 1\n\nb.c = 2");
    assertError("line 2, column 1: table [a] is defined twice", "[a]\n[a]");
    assertError("line 2, column 1: table [a.\"b.c\"] is defined twice", "[a.\"b.c\"]\n[ a . 'b.c' ]");
    assertError("line 2, column 1: key '\"a b\".\"\"' is defined twice", "\"a b\".\"\" = 1\n'a b'.'' = 2");
    assertError("line 2, column 1: key 'a' already holds a value, not a table", "a = 1\n[a]");
    assertError("line 2, column 1: key 'a' already holds an array; [[ ]] only adds to an array of tables",
        "a = [1]\n[[a]]");
    assertError("line 2, column 1: inline table 'a' cannot be extended", "a = {b = 1}\na.c = 2");
    assertError("line 2, column 1: table 'a' was already made by dotted keys and cannot have a header of its own",
        "a.b = 1\n[a]");
    assertError("line 4, column 1: table 'a.b' has a header of its own; dotted keys elsewhere cannot add to it",
        "[a.b]\n[a]\n\nb.c = 1");
    assertError("line 1, column 5: the string is never closed", "a = \"x");
    assertError("line 1, column 7: invalid escape \\q (TOML knows \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)",
        "a = \"x\\q\"");
    assertError("line 1, column 6: control character U+0001 is not allowed in a string (write it as an escape)",
        "a = \"\u0001\"");
    assertError("line 1, column 5: integer 9223372036854775808 does not fit in 64 bits (-2^63 to 2^63-1)",
        "a = 9223372036854775808");
    // an unquoted value is often a password or key: its place is named, not its text
    assertError("line 1, column 5: expected a value, found an unquoted word of 3 characters (text needs quotes)", "a = yes");
    assertError("line 1, column 12: expected a value, found an unquoted word of 13 characters (text needs quotes)",
        "password = hunter2Secret");
    assertError("line 1, column 14: invalid number an unquoted word of 11 characters", "STRIPE_KEY = 4sk_live_x9");
    assertError("line 1, column 11: an inline table takes no comma after its last value", "a = {b=1, }");
    assertError("line 1, column 11: an inline table stays on one line: close it with '}' before the line ends",
        "a = {b = 1\n}");
    assertError("line 2, column 7: expected ',' or ']' after an array value, found '2'", "a = [\n  1   2]");
    assertError("line 1, column 5: the array is never closed", "a = [1,\n2,\n");
    assertError("line 1, column 6: a carriage return must be followed by a line feed", "a = 1\r");
    assertError("line 1, column 5: no such date: 2023-02-29", "a = 2023-02-29");
  }

  @Test
  void the_column_counts_characters_not_bytes_or_the_byte_order_mark() {
    assertError("line 1, column 9: expected the end of the line after the value, found 'x'", "\uFEFF\"é\" = 1 x");
    assertError("line 1, column 9: expected the end of the line after the value, found 'x'", "a = '😀' x");
  }

  @Test
  void values_come_out_as_plain_java_types() {
    Map<String, Object> doc = PlainToml.parse("""
        s = "text"
        i = 42
        f = 1.5
        b = true
        d = 1979-05-27
        a = [1, "two"]
        t = { x = 1 }
        [h]
        k = 'v'
        """);
    assertEquals("text", doc.get("s"));
    assertEquals(42L, doc.get("i"));
    assertEquals(1.5, doc.get("f"));
    assertEquals(Boolean.TRUE, doc.get("b"));
    assertEquals("1979-05-27", doc.get("d"));
    assertEquals(ArrayList.class, doc.get("a").getClass());
    assertEquals(List.of(1L, "two"), doc.get("a"));
    assertEquals(LinkedHashMap.class, doc.get("t").getClass());
    assertEquals(LinkedHashMap.class, doc.getClass());
    assertEquals(Map.of("k", "v"), doc.get("h"));
  }

  @Test
  void tables_keep_the_order_the_document_gives() {
    Map<String, Object> doc = PlainToml.parse("z = 1\na = 2\n[m]\nq = 3\nb = 4\n[c]\n[m.x]\n");
    assertEquals(List.of("z", "a", "m", "c"), new ArrayList<>(doc.keySet()));
    assertEquals(List.of("q", "b", "x"), new ArrayList<>(((Map<?, ?>) doc.get("m")).keySet()));
  }

  @Test
  void strings_read_every_escape_and_trim_as_the_spec_says() {
    assertEquals("\b\t\n\f\r\"\\é😀\u0000", PlainToml.parse("s = \"\\b\\t\\n\\f\\r\\\"\\\\\\u00E9\\U0001F600\\u0000\"").get("s"));
    assertEquals("The quick brown fox.", PlainToml.parse("s = \"\"\"\\\n  The quick \\\n\n  brown \\   \n  fox.\\\n  \"\"\"").get("s"));
    assertEquals("Roses\nViolets", PlainToml.parse("s = \"\"\"\nRoses\nViolets\"\"\"").get("s"));
    assertEquals("a\r\nb", PlainToml.parse("s = \"\"\"\r\na\r\nb\"\"\"").get("s"));
    assertEquals("x\\\ny", PlainToml.parse("s = \"\"\"x\\\\\ny\"\"\"").get("s"));
    assertEquals("\"a\"\"", PlainToml.parse("s = \"\"\"\"a\"\"\"\"\"").get("s"));
    assertEquals("'x''", PlainToml.parse("s = ''''x'''''").get("s"));
    assertEquals("C:\\no\\escapes", PlainToml.parse("s = 'C:\\no\\escapes'").get("s"));
    assertEquals("line\n  kept\\n", PlainToml.parse("s = '''\nline\n  kept\\n'''").get("s"));
  }

  @Test
  void numbers_read_in_every_base_and_form() {
    Map<String, Object> doc = PlainToml.parse("""
        a = +99
        b = -17
        c = 5_349_221
        d = 0xdead_BEEF
        e = 0o755
        f = 0b1101
        g = 9_223_372_036_854_775_807
        h = -9223372036854775808
        i = 6.626e-34
        j = 224_617.445_991_228
        k = -inf
        l = nan
        m = -0.0
        n = 1E+2
        o = -0
        """);
    assertEquals(List.of(99L, -17L, 5349221L, 0xdeadbeefL, 0755L, 13L, Long.MAX_VALUE, Long.MIN_VALUE, 6.626e-34,
        224617.445991228, Double.NEGATIVE_INFINITY, Double.NaN, -0.0, 100.0, 0L), new ArrayList<>(doc.values()));
  }

  @Test
  void dates_and_times_stay_text_with_a_space_made_a_t() {
    Map<String, Object> doc = PlainToml.parse("""
        a = 1979-05-27T07:32:00Z
        b = 1979-05-27 07:32:00.999-07:00
        c = 1979-05-27t07:32:00
        d = 1979-05-27
        e = 07:32:00.5
        f = 2000-02-29
        g = 1990-12-31T23:59:60Z
        """);
    assertEquals(List.of("1979-05-27T07:32:00Z", "1979-05-27T07:32:00.999-07:00", "1979-05-27t07:32:00",
        "1979-05-27", "07:32:00.5", "2000-02-29", "1990-12-31T23:59:60Z"), new ArrayList<>(doc.values()));
  }

  @Test
  void arrays_of_tables_nest_under_their_latest_table() {
    Map<String, Object> doc = PlainToml.parse("""
        [[a]]
        n = 1
        [a.b]
        [[a.b.c]]
        x = 1
        [[a.b.c]]
        x = 2
        [[a]]
        n = 2
        [[a.b.c]]
        x = 3
        """);
    assertEquals(Map.of("a", List.of(
        Map.of("n", 1L, "b", Map.of("c", List.of(Map.of("x", 1L), Map.of("x", 2L)))),
        Map.of("n", 2L, "b", Map.of("c", List.of(Map.of("x", 3L)))))), doc);
  }

  @Test
  void a_byte_order_mark_crlf_and_a_missing_last_newline_are_fine() {
    assertEquals(Map.of("a", 1L, "t", Map.of("b", "x")), PlainToml.parse("\uFEFFa = 1\r\n[t]\r\nb = \"x\""));
  }

  @Test
  void a_wt_toml_reads_to_the_values_the_config_binder_expects() {
    Map<String, Object> doc = PlainToml.parse("""
        # An example wt.toml
        project = "shop"
        worktree_dir = "../${WT_REPO}-${WT_NAME}"

        [env]
        file = ".env.development.local"

        [env.vars]
        NEXT_PUBLIC_APP_NAME = "shop (${WT_BRANCH})"

        [files]
        symlink = [".env.local"]        # shared secrets: linked, never copied
        copy = ["node_modules"]
        worktreeinclude = true

        [databases.app]
        env = "DATABASE_URL"
        fill = "template"

        [ports]
        count = 3
        """);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("project", "shop");
    expected.put("worktree_dir", "../${WT_REPO}-${WT_NAME}");
    expected.put("env", Map.of("file", ".env.development.local", "vars", Map.of("NEXT_PUBLIC_APP_NAME", "shop (${WT_BRANCH})")));
    expected.put("files", Map.of("symlink", List.of(".env.local"), "copy", List.of("node_modules"), "worktreeinclude", true));
    expected.put("databases", Map.of("app", Map.of("env", "DATABASE_URL", "fill", "template")));
    expected.put("ports", Map.of("count", 3L));
    assertEquals(expected, doc);
    assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(doc.keySet()));
  }

  @Test
  void long_documents_and_deep_nesting_read_and_too_deep_nesting_is_refused() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.append("[t").append(i).append("]\nk = \"").append(i).append("\"\n");
    }
    sb.append("[deep]\nv = ").append("[{a = ".repeat(500)).append("1").append("}]".repeat(500)).append('\n');
    Map<String, Object> doc = PlainToml.parse(sb.toString());
    assertEquals(20_001, doc.size());
    assertError("line 1, column 1005: arrays and inline tables nest more than 1000 deep",
        "v = " + "[".repeat(100_000) + "]".repeat(100_000));
  }

  private static void assertError(String message, String doc) {
    PlainToml.InvalidToml e = assertThrows(PlainToml.InvalidToml.class, () -> PlainToml.parse(doc), doc);
    assertEquals(message, e.getMessage());
  }
}
