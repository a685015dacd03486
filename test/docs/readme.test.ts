/**
 * The README's TypeScript snippets compile as written, against the package as users install it
 * (its built declarations, found through node_modules like any dependency), with the strict
 * settings of this repository. A snippet fenced ```ts fragment is a piece of a larger program
 * (free names, no imports) and is not compiled.
 */
import * as assert from "assert";
import { readFileSync, readdirSync } from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../../..");

export interface Snippet {
    /** The README line the code starts on (1-based). */
    line: number;
    code: string;
    fragment: boolean;
}

/** The ```ts / ```typescript blocks of a markdown text, indented ones (inside list items) included. */
export function snippets(markdown: string): Snippet[] {
    const out: Snippet[] = [];
    let open: { indent: string; language: string; fragment: boolean; line: number; lines: string[] } | undefined;
    markdown.split("\n").forEach((text, i) => {
        const fence = /^(\s*)```\s*(\S*)\s*(.*)$/.exec(text);
        if (!open) {
            if (fence) open = { indent: fence[1], language: fence[2], fragment: fence[3].split(/\s+/).includes("fragment"), line: i + 2, lines: [] };
            return;
        }
        if (fence && fence[1] === open.indent && fence[2] === "") {
            if (["ts", "typescript"].includes(open.language)) out.push({ line: open.line, code: open.lines.join("\n"), fragment: open.fragment });
            open = undefined;
            return;
        }
        open.lines.push(text.startsWith(open.indent) ? text.slice(open.indent.length) : text);
    });
    return out;
}

/** Type-checks each snippet as a module of its own; the errors, each with its README line. */
export function typeErrors(list: Snippet[], readme = "README.md"): string[] {
    const files = new Map(list.map((s) => [path.join(ROOT, `${readme}.line-${s.line}.ts`), s]));
    const options: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        lib: ["lib.es2022.d.ts"],
        types: ["node"],
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    // `export {}` makes each snippet a module, so names do not clash between snippets.
    host.getSourceFile = (name, language, ...rest) =>
        files.has(name) ? ts.createSourceFile(name, `${files.get(name)!.code}\nexport {};\n`, language) : getSourceFile(name, language, ...rest);
    host.fileExists = (name) => files.has(name) || fileExists(name);
    const program = ts.createProgram([...files.keys()], options, host);
    return ts.getPreEmitDiagnostics(program).map((d) => {
        const snippet = d.file && files.get(d.file.fileName);
        const where = snippet && d.start !== undefined ? `${readme}:${snippet.line + d.file!.getLineAndCharacterOfPosition(d.start).line}` : (d.file?.fileName ?? "");
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
}

describe("README", function () {
    this.timeout(120_000);

    it("its TypeScript snippets compile as written against the package", () => {
        const all = snippets(readFileSync(path.join(ROOT, "README.md"), "utf8"));
        const compiled = all.filter((s) => !s.fragment);
        assert.ok(compiled.length >= 3, `found ${compiled.length} snippets to compile`);
        assert.deepStrictEqual(typeErrors(compiled), []);
    });

    it("the TypeScript snippets of the pages in docs/ compile as written against the package", () => {
        const pages = readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md"));
        assert.ok(pages.length > 0);
        for (const page of pages) {
            const compiled = snippets(readFileSync(path.join(ROOT, "docs", page), "utf8")).filter((s) => !s.fragment);
            assert.deepStrictEqual(typeErrors(compiled, `docs/${page}`), []);
        }
    });

    it("documents every kind in the list of kinds: a row of what changes in place and what replaces, and its class in the package's exports", async () => {
        const markdown = readFileSync(path.join(ROOT, "README.md"), "utf8");
        const { KINDS } = await import("../../provider/schema/kinds");
        const exported = await import("../../provider");
        for (const spec of Object.values(KINDS)) {
            assert.match(markdown, new RegExp(`^\\| ${spec.kind} \\| .+ \\| .+ \\|$`, "m"), `README has no row for ${spec.kind}`);
            assert.ok(spec.kind in exported, `the package exports no ${spec.kind}`);
        }
    });

    it("the check finds what does not compile, at its README line", () => {
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
        const found = snippets(markdown);
        assert.deepStrictEqual(found.map((s) => [s.line, s.fragment]), [[4, false], [9, true]]);
        const errors = typeErrors(found.filter((s) => !s.fragment), "EXAMPLE.md");
        assert.strictEqual(errors.length, 1, errors.join("\n"));
        assert.match(errors[0], /^EXAMPLE\.md:5: Type 'number' is not assignable to type 'Input<string>'/);
    });
});
