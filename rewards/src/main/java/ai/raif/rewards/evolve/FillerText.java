package ai.raif.rewards.evolve;

import java.util.List;
import java.util.Map;

/**
 * Plain, topic-neutral clauses a {@link Witness} builds its sentences from, per response language. They hold no
 * commas, digits or one-letter capitals, so they never trip a comma, placeholder or capital-word count by accident.
 * English plus the five languages offline evolution asks for with {@code language:response_language}: a witness in a
 * language needs text in it, and these are the ones we wrote text for.
 */
final class FillerText {
  static final String ENGLISH = "en";

  /** A language's filler; the first conjunction that is not forbidden joins clauses. */
  private record Bank(String name, List<String> conjunctions, List<String> clauses) {}

  private static final Map<String, Bank> BANKS = Map.of(
      ENGLISH, new Bank("English", List.of("and", "while", "so"), List.of(
          "the plan starts with one clear goal",
          "every good answer needs some careful thought",
          "small steps often lead to steady progress",
          "the main idea should stay easy to follow",
          "people learn best when they can try things themselves",
          "each part of the work builds on the one before",
          "simple words usually carry the message well",
          "the details matter more than they seem at first",
          "good notes help when the topic comes back later",
          "a short break can bring fresh energy to the task",
          "the best results come from patient practice",
          "clear examples make hard ideas feel familiar",
          "the reader should always know what comes next",
          "time spent on planning saves effort later",
          "most problems look smaller after a good night of rest",
          "sharing the work makes the load lighter for everyone",
          "the first draft only needs to be honest",
          "careful reading often reveals what was missed",
          "the story moves forward one scene at a time",
          "a calm voice helps the message land well",
          "strong habits grow out of tiny daily choices",
          "the team agreed on what success would look like",
          "there is always room to improve the next version",
          "listening closely is the start of real understanding",
          "the final check catches small mistakes before they spread",
          "the weather changed slowly over the afternoon",
          "the garden looked brighter after the rain",
          "old maps show how much the town has grown",
          "the kitchen smelled of fresh bread and warm butter",
          "the library stays open late on most weekdays",
          "the river runs past the mill and into the valley",
          "the children painted the fence in bright colors",
          "the market gets busy early in the morning",
          "the museum added a new room for modern art",
          "the path climbs gently toward the hill",
          "the students compared their notes after class",
          "the recipe calls for patience more than skill",
          "the meeting ended with a clear list of tasks")),
      "es", new Bank("Spanish", List.of("y"), List.of(
          "el plan empieza con una meta clara",
          "cada buena respuesta necesita un poco de cuidado",
          "los pasos pequeños llevan a un progreso constante",
          "la idea principal debe ser fácil de seguir",
          "las personas aprenden mejor cuando prueban las cosas",
          "cada parte del trabajo se apoya en la anterior",
          "las palabras sencillas suelen llevar bien el mensaje",
          "los detalles importan más de lo que parece",
          "unas buenas notas ayudan cuando el tema vuelve",
          "una pausa corta trae nueva energía a la tarea",
          "los mejores resultados vienen de la práctica paciente",
          "los ejemplos claros hacen familiares las ideas difíciles",
          "el lector siempre debe saber lo que viene después",
          "el tiempo dedicado a planear ahorra esfuerzo más tarde",
          "el jardín parecía más brillante después de la lluvia",
          "el mercado se llena temprano por la mañana",
          "la biblioteca abre hasta tarde casi todos los días",
          "el río pasa junto al molino y entra en el valle")),
      "fr", new Bank("French", List.of("et"), List.of(
          "le plan commence par un objectif clair",
          "chaque bonne réponse demande un peu de soin",
          "les petits pas mènent à un progrès constant",
          "l'idée principale doit rester facile à suivre",
          "les gens apprennent mieux quand ils essaient eux-mêmes",
          "chaque partie du travail repose sur la précédente",
          "les mots simples portent bien le message",
          "les détails comptent plus qu'on ne le pense",
          "de bonnes notes aident quand le sujet revient",
          "une courte pause donne une nouvelle énergie",
          "les meilleurs résultats viennent d'une pratique patiente",
          "des exemples clairs rendent les idées difficiles familières",
          "le lecteur doit toujours savoir ce qui vient ensuite",
          "le temps passé à planifier évite des efforts plus tard",
          "le jardin semblait plus lumineux après la pluie",
          "le marché se remplit tôt le matin",
          "la bibliothèque reste ouverte tard presque tous les soirs",
          "la rivière passe près du moulin et descend vers la vallée")),
      "de", new Bank("German", List.of("und"), List.of(
          "der Plan beginnt mit einem klaren Ziel",
          "jede gute Antwort braucht etwas Sorgfalt",
          "kleine Schritte führen zu stetigem Fortschritt",
          "die Hauptidee sollte leicht zu verstehen sein",
          "Menschen lernen am besten durch eigenes Ausprobieren",
          "jeder Teil der Arbeit baut auf dem vorigen auf",
          "einfache Wörter tragen die Botschaft meistens gut",
          "die Details sind wichtiger als sie zuerst scheinen",
          "gute Notizen helfen später beim Wiederholen",
          "eine kurze Pause bringt neue Energie für die Aufgabe",
          "die besten Ergebnisse kommen aus geduldiger Übung",
          "klare Beispiele machen schwierige Ideen vertraut",
          "der Leser sollte immer wissen was als Nächstes kommt",
          "der Garten sah nach dem Regen heller aus",
          "der Markt füllt sich früh am Morgen",
          "die Bibliothek ist an den meisten Tagen lange geöffnet",
          "der Fluss fließt an der Mühle vorbei ins Tal",
          "die Kinder malten den Zaun in bunten Farben")),
      "it", new Bank("Italian", List.of("e"), List.of(
          "il piano comincia con un obiettivo chiaro",
          "ogni buona risposta richiede un po' di cura",
          "i piccoli passi portano a un progresso costante",
          "l'idea principale deve restare facile da seguire",
          "le persone imparano meglio quando provano da sole",
          "ogni parte del lavoro si basa sulla precedente",
          "le parole semplici portano bene il messaggio",
          "i dettagli contano più di quanto sembri",
          "buoni appunti aiutano quando il tema ritorna",
          "una breve pausa porta nuova energia al lavoro",
          "i risultati migliori vengono dalla pratica paziente",
          "esempi chiari rendono familiari le idee difficili",
          "il lettore deve sempre sapere cosa viene dopo",
          "il giardino sembrava più luminoso dopo la pioggia",
          "il mercato si riempie presto la mattina",
          "la biblioteca resta aperta fino a tardi quasi ogni giorno",
          "il fiume passa accanto al mulino e scende nella valle",
          "i bambini hanno dipinto il recinto con colori vivaci")),
      "pt", new Bank("Portuguese", List.of("e"), List.of(
          "o plano começa com um objetivo claro",
          "cada boa resposta precisa de algum cuidado",
          "pequenos passos levam a um progresso constante",
          "a ideia principal deve ser fácil de seguir",
          "as pessoas aprendem melhor quando experimentam sozinhas",
          "cada parte do trabalho se apoia na anterior",
          "palavras simples costumam levar bem a mensagem",
          "os detalhes importam mais do que parece",
          "boas anotações ajudam quando o assunto volta",
          "uma pausa curta traz nova energia para a tarefa",
          "os melhores resultados vêm da prática paciente",
          "exemplos claros tornam familiares as ideias difíceis",
          "o leitor deve sempre saber o que vem depois",
          "o jardim parecia mais claro depois da chuva",
          "o mercado enche cedo pela manhã",
          "a biblioteca fica aberta até tarde quase todos os dias",
          "o rio passa perto do moinho e desce para o vale",
          "as crianças pintaram a cerca com cores vivas")));

  /** English words that between them hold every letter a–z, for letter-frequency witnesses. */
  static final List<String> LETTER_WORDS = List.of("quick", "quiet", "quiz", "jazz", "joke", "jump", "box", "fox",
      "extra", "zone", "zero", "kiwi", "vivid", "yellow", "wave", "happy", "bold", "dance", "green", "moon", "tiger");

  /** Square-bracket placeholders, as in IFEval's own example "[address]". */
  static final List<String> PLACEHOLDERS = List.of("[name]", "[address]", "[date]", "[company]", "[email]",
      "[phone number]", "[city]", "[time]");

  private FillerText() {}

  /** The foreign languages offline evolution may ask a response to be written in, sorted. */
  static List<String> foreignLanguages() {
    return BANKS.keySet().stream().filter(l -> !l.equals(ENGLISH)).sorted().toList();
  }

  /** The language's English name, as IFEval's description names it ("Your ENTIRE response should be in German"). */
  static String languageName(String code) {
    return bank(code).name();
  }

  static boolean hasBank(String code) {
    return BANKS.containsKey(code);
  }

  static List<String> clauses(String code) {
    return bank(code).clauses();
  }

  static List<String> conjunctions(String code) {
    return bank(code).conjunctions();
  }

  private static Bank bank(String code) {
    Bank b = BANKS.get(code);
    if (b == null) throw new IllegalArgumentException("no witness text for language '" + code + "'");
    return b;
  }
}
