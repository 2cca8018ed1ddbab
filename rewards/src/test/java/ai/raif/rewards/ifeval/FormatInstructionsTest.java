package ai.raif.rewards.ifeval;

import static ai.raif.rewards.ifeval.Checks.follows;
import static ai.raif.rewards.ifeval.Checks.loose;
import static ai.raif.rewards.ifeval.Checks.strict;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FormatInstructionsTest {
  private static final String PLACEHOLDERS = "detectable_content:number_placeholders";
  private static final String POSTSCRIPT = "detectable_content:postscript";
  private static final String BULLETS = "detectable_format:number_bullet_lists";
  private static final String CONSTRAINED = "detectable_format:constrained_response";
  private static final String HIGHLIGHTS = "detectable_format:number_highlighted_sections";
  private static final String SECTIONS = "detectable_format:multiple_sections";
  private static final String JSON = "detectable_format:json_format";
  private static final String TITLE = "detectable_format:title";

  @Test
  void placeholdersAreBracketPairsOnOneLine() {
    assertTrue(follows(PLACEHOLDERS, "[] and [link](http://x)", "num_placeholders", 2));
    assertFalse(follows(PLACEHOLDERS, "[multi\nline]", "num_placeholders", 1));
    assertTrue(follows(PLACEHOLDERS, "[Name]\n[Email]\n[Phone]", "num_placeholders", 3));
    assertFalse(follows(PLACEHOLDERS, "[adjective] [noun] is [adjective]", "num_placeholders", 7));
    assertTrue(follows(PLACEHOLDERS, "[a [b\n[c] [d]", "num_placeholders", 2), "an unclosed [ skips its line");
    assertFalse(follows(PLACEHOLDERS, "[a [b\n[c] [d]", "num_placeholders", 3));
  }

  @Test
  void postscriptMarkersMatchAnywhereInLowerCase() {
    assertTrue(follows(POSTSCRIPT, "Body\n\nP.S. I hope this helps.", "postscript_marker", "P.S."));
    assertTrue(follows(POSTSCRIPT, "Body\np. s. lowercase works", "postscript_marker", "P.S."));
    assertTrue(follows(POSTSCRIPT, "It is a step. S. said hi", "postscript_marker", "P.S."), "reference's false hit");
    assertFalse(follows(POSTSCRIPT, "Body\nP.S without dot", "postscript_marker", "P.S."));
    assertTrue(follows(POSTSCRIPT, "Body\np.p.s what if", "postscript_marker", "P.P.S"));
    assertFalse(follows(POSTSCRIPT, "Body P.S. only", "postscript_marker", "P.P.S"));
    assertTrue(follows(POSTSCRIPT, "Body\n\nps: hello", "postscript_marker", "PS:"));
    assertFalse(follows(POSTSCRIPT, "Body P.S. hello", "postscript_marker", "PS:"));
  }

  @Test
  void bulletsCountStarAndDashLines() {
    assertTrue(follows(BULLETS, "Intro:\n* one\n*two\n- three\n-four", "num_bullets", 4));
    assertFalse(follows(BULLETS, "Intro:\n* one\n*two\n- three\n-four", "num_bullets", 3), "exact count");
    assertTrue(follows(BULLETS, "Inline asterisk (*), *, is not a bullet:\n  * a\n  * b", "num_bullets", 2));
    assertTrue(follows(BULLETS, "-5 degrees today", "num_bullets", 1));
  }

  @Test
  void bulletsFollowTheRegexQuirks() {
    assertFalse(strict(BULLETS, "* a\n* b\n---\n**bold** line", "num_bullets", 2), "--- counts, **bold** not");
    assertTrue(loose(BULLETS, "* a\n* b\n---\n**bold** line", "num_bullets", 2), "the last line dropped");
    assertTrue(follows(BULLETS, "*\nfoo\n- bar", "num_bullets", 2), "a lone * line followed by text counts");
    assertTrue(follows(BULLETS, "\n\n\n   \n* a\n\n\n\n- b\n\n", "num_bullets", 2));
    assertTrue(follows(BULLETS, "text\u2028* a", "num_bullets", 0), "only \\n starts a line");
  }

  @Test
  void constrainedResponseIsCaseSensitive() {
    assertTrue(follows(CONSTRAINED, "\n My answer is no.\n"));
    assertTrue(follows(CONSTRAINED, "Well. My answer is maybe. Because."));
    assertFalse(follows(CONSTRAINED, "my answer is yes."));
    assertFalse(follows(CONSTRAINED, "My answer is yes"));
  }

  @Test
  void highlightsCountSingleAndDoubleStarSpans() {
    assertTrue(follows(HIGHLIGHTS, "**bold**", "num_highlights", 1));
    assertFalse(follows(HIGHLIGHTS, "**bold** text", "num_highlights", 2), "bold counts once");
    assertTrue(follows(HIGHLIGHTS, "type:*hello*, or **hello** ", "num_highlights", 2));
    assertFalse(follows(HIGHLIGHTS, "*Finite difference\n*Finite element*\n*Boundary", "num_highlights", 2));
    assertFalse(follows(HIGHLIGHTS, "* * and ** **", "num_highlights", 1), "blank spans do not count");
  }

  @Test
  void sectionsCountSplitterFollowedByDigits() {
    String sections = "SECTION 1\n[content of section 1]\nSECTION 2\n[content of section 2]";
    assertTrue(follows(SECTIONS, sections, "section_spliter", "SECTION", "num_sections", 2));
    assertFalse(follows(SECTIONS, sections, "section_spliter", "Section", "num_sections", 1), "case-sensitive");
    assertTrue(follows(SECTIONS, "SECTION1 a SECTION2 b", "section_spliter", "SECTION", "num_sections", 2));
    assertTrue(follows(SECTIONS, "PARAGRAPH 1 x PARAGRAPH 2", "section_spliter", "PARAGRAPH", "num_sections", 2));
    assertTrue(follows(SECTIONS, "Section \u0663", "section_spliter", "Section", "num_sections", 1), "Unicode \\d");
    assertFalse(follows(SECTIONS, "Section X", "section_spliter", "Section", "num_sections", 1));
  }

  @Test
  void jsonFollowsPythonJsonLoads() {
    assertTrue(follows(JSON, "```JSON\n[1, 2]\n```"));
    assertTrue(follows(JSON, "```json\n{\"k\": [true, null, -0.5e3]}\n```"));
    assertTrue(follows(JSON, "NaN"));
    assertTrue(follows(JSON, "\"just a string\""));
    assertFalse(follows(JSON, "{\"a\": 1} trailing"));
    assertFalse(follows(JSON, "\ufeff{\"a\": 1}"));
    assertFalse(follows(JSON, "{'a': 1}"));
    assertFalse(follows(JSON, "```python\n{}\n```"));
  }

  @Test
  void titleIsNonBlankDoubleAngleBracketsOnOneLine() {
    assertTrue(follows(TITLE, "<<Song of Joy>>\nLa la la."));
    assertTrue(follows(TITLE, "<<  >> and <<Real Title>>"));
    assertFalse(follows(TITLE, "<< >>\nThere is no title."));
    assertFalse(follows(TITLE, "<<This is not a title.\nThis is a paragraph.>>"));
    assertFalse(follows(TITLE, "<<<>>>"));
  }
}
