package ai.raif.rewards.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The data the build puts into the jar (bin/fetch-rewards-data), and clear errors for bad data. */
class TextDataTest {

  @Test
  void englishPunktParametersAreNltksPunktTab() {
    PunktParameters english = PunktParameters.load("/ai/raif/rewards/data/punkt/english.json");
    assertEquals(156, english.abbrevTypes().size());
    assertEquals(37, english.collocations().size());
    assertEquals(39, english.sentStarters().size());
    assertEquals(20366, english.orthoContext().size());
    assertTrue(english.abbrevTypes().contains("dr") && english.abbrevTypes().contains("u.s"));
    assertTrue(english.isCollocation("##number##", "abreast"));
    assertEquals(110, english.orthoContext("also"));
    assertEquals(0, english.orthoContext("never-seen-word"));
  }

  @Test
  void langdetectHasItsFiftyFiveProfilesInSortedOrder() {
    LanguageProfiles profiles = LanguageProfiles.load();
    assertEquals(55, profiles.languages().size());
    assertEquals("af", profiles.languages().get(0));
    assertEquals("zh-tw", profiles.languages().get(54));
    assertTrue(profiles.ngramCount() > 80_000);
  }

  @Test
  void malformedPunktParametersNameTheFieldAndSource() throws Exception {
    var json = new ObjectMapper().readTree(
        "{\"abbrev_types\": [], \"collocations\": [[\"a\"]], \"sent_starters\": [], \"ortho_context\": {}}");
    var error = assertThrows(IllegalArgumentException.class, () -> PunktParameters.parse(json, "test.json"));
    assertTrue(error.getMessage().contains("test.json") && error.getMessage().contains("collocation"),
        error.getMessage());
    var missing = new ObjectMapper().readTree("{\"abbrev_types\": []}");
    error = assertThrows(IllegalArgumentException.class, () -> PunktParameters.parse(missing, "test.json"));
    assertTrue(error.getMessage().contains("'collocations'"), error.getMessage());
    var badFlag = new ObjectMapper().readTree(
        "{\"abbrev_types\": [], \"collocations\": [], \"sent_starters\": [], \"ortho_context\": {\"the\": \"x\"}}");
    error = assertThrows(IllegalArgumentException.class, () -> PunktParameters.parse(badFlag, "test.json"));
    assertTrue(error.getMessage().contains("'the'"), error.getMessage());
  }

  @Test
  void missingDataFileSaysHowToGetIt() {
    var error = assertThrows(IllegalStateException.class, () -> PunktParameters.load("/no/such/params.json"));
    assertTrue(error.getMessage().contains("bin/fetch-rewards-data"), error.getMessage());
  }
}
