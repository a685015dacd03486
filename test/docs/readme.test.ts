/** The README's TypeScript snippets compile as written against the package as users install it (snippets.ts). */
import * as assert from "assert";
import { read, snippets, typeErrors } from "./snippets";

describe("README", function () {
    this.timeout(120_000);

    it("its TypeScript snippets compile as written against the package", () => {
        const all = snippets(read("README.md"), "README.md");
        const compiled = all.filter((s) => !s.fragment);
        assert.ok(compiled.length >= 3, `found ${compiled.length} snippets to compile`);
        assert.deepStrictEqual(typeErrors(compiled), []);
    });

    it("the check finds what does not compile, at its line", () => {
        const markdown = [
            "# x",
            "",
            "  ```ts",
            '  import { Gallery } from "pulumi-azure-compute-gallery";',
            '  new Gallery("g", { resourceGroupName: "rg", location: 1 });',
            "  ```",
            "",
            "```ts fragment",
            "undeclared();",
            "```",
        ].join("\n");
        const found = snippets(markdown, "EXAMPLE.md");
        assert.deepStrictEqual(found.map((s) => [s.line, s.fragment]), [[4, false], [9, true]]);
        const errors = typeErrors(found.filter((s) => !s.fragment));
        assert.strictEqual(errors.length, 1, errors.join("\n"));
        assert.match(errors[0], /^EXAMPLE\.md:5: Type 'number' is not assignable to type 'Input<string>'/);
    });
});
