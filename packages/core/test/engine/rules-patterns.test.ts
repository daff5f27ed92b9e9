import { describe, expect, it } from "vitest";
import { classifyType, estimateImportance, extractTopics } from "../../src/engine/rules.js";

describe("classifyType: the optional and repeated parts of each pattern", () => {
  it("procedural: steps, 'first ... then' with or without the comma, commands in backticks", () => {
    expect(classifyType("how to bake bread")).toBe("procedural");
    expect(classifyType("one step forward")).toBe("procedural");
    expect(classifyType("three steps forward")).toBe("procedural");
    expect(classifyType("first, pour the water slowly then stir")).toBe("procedural");
    expect(classifyType("first pour the water then stir")).toBe("procedural");
    expect(classifyType("run `make` please")).toBe("procedural");
    expect(classifyType("remember to set up the router")).toBe("procedural");
    expect(classifyType("stepson")).toBe("conversational");
  });

  it("personal: singular and plural relatives, both spellings of favourite, an age in digits", () => {
    expect(classifyType("my kid plays chess")).toBe("personal");
    expect(classifyType("my kids play chess")).toBe("personal");
    expect(classifyType("my favorite color: blue")).toBe("personal");
    expect(classifyType("my favourite color: blue")).toBe("personal");
    expect(classifyType("I am 34 now")).toBe("personal");
    expect(classifyType("I'm from Oslo")).toBe("personal");
    expect(classifyType("I am tired now")).toBe("conversational");
    expect(classifyType("my favoritecolor")).toBe("conversational");
  });

  it("episodic: any 'last <word>day', weekdays after 'on', ISO dates", () => {
    expect(classifyType("we spoke last friday")).toBe("episodic");
    expect(classifyType("the last big day")).toBe("conversational");
    expect(classifyType("on tuesday we hiked")).toBe("episodic");
    expect(classifyType("the launch: 2023-05-08")).toBe("episodic");
    expect(classifyType("the launch: 2023-5-8")).toBe("conversational");
    expect(classifyType("the code 12023-05-081")).toBe("conversational");
  });

  it("factual: singular and plural verbs", () => {
    expect(classifyType("the ticket cost 5 euros")).toBe("factual");
    expect(classifyType("the ticket costs 5 euros")).toBe("factual");
    expect(classifyType("we use vim daily")).toBe("factual");
    expect(classifyType("she uses vim daily")).toBe("factual");
    expect(classifyType("they run on linux")).toBe("factual");
    expect(classifyType("it runs on linux")).toBe("factual");
  });
});

describe("estimateImportance: hand-computed scores", () => {
  it("is the type's base for a plain sentence of four words or more", () => {
    expect(estimateImportance("i like green tea a lot", "personal")).toBe(0.7);
    expect(estimateImportance("i like red bread and tea", "personal")).toBe(0.7);
    expect(estimateImportance("the sky looks grey today", "factual")).toBe(0.55);
    expect(estimateImportance("the sky looks grey today", "procedural")).toBe(0.65);
    expect(estimateImportance("the sky looks grey today", "semantic")).toBe(0.5);
    expect(estimateImportance("the sky looks grey today", "episodic")).toBe(0.5);
    expect(estimateImportance("the sky looks grey today", "conversational")).toBe(0.3);
  });

  it("adds 0.15 for a strong word, 0.05 for a digit, 0.05 for a name", () => {
    expect(estimateImportance("i always drink green tea", "personal")).toBe(0.85);
    expect(estimateImportance("i drink 2 cups of tea", "personal")).toBe(0.75);
    expect(estimateImportance("i drink tea with Alice", "personal")).toBe(0.75);
    expect(estimateImportance("i must always remember 2 pills from Alice", "personal")).toBe(0.95);
  });

  it("takes 0.1 off under four words and 0.2 off an opening greeting", () => {
    expect(estimateImportance("i like tea", "personal")).toBe(0.6);
    expect(estimateImportance("i like green tea", "personal")).toBe(0.7);
    expect(estimateImportance("thanks for the tea today", "conversational")).toBe(0.1);
    expect(estimateImportance("   thanks for the tea today", "conversational")).toBe(0.1);
    expect(estimateImportance("say hi to the team", "conversational")).toBe(0.3);
  });

  it("never goes below 0", () => {
    expect(estimateImportance("ok", "conversational")).toBe(0);
    expect(estimateImportance("hey there", "conversational")).toBe(0);
  });
});

describe("extractTopics", () => {
  it("lists the matching themes in their fixed order, and nothing else", () => {
    expect(extractTopics("my dog loves the beach trip")).toEqual(["travel", "pets"]);
    expect(extractTopics("my kid plays")).toEqual(["family"]);
    expect(extractTopics("my parent called")).toEqual(["family"]);
    expect(extractTopics("my parents called about the budget")).toEqual(["family", "finance"]);
    expect(extractTopics("nothing to see")).toEqual([]);
  });
});
