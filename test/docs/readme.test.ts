/**
 * The markdown a user reads: its TypeScript compiles as written against the package as users
 * install it, its links lead somewhere, and the README leads to every guide and reference page.
 */
import * as assert from "assert";
import { existsSync } from "fs";
import * as path from "path";
import { KIND_NAMES } from "../../provider/schema/kinds";
import { pagePath } from "../../scripts/docs/pages";
import * as ts from "typescript";
import { ROOT, blocks, markdownFiles, prose, read, snippets, typeErrors } from "./snippets";

/** GitHub's anchor for a heading: lower case, punctuation but hyphens dropped, spaces as hyphens. */
const anchor = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-");

/** A section of a markdown text: from its `## title` heading to the next heading of that level. */
function sectionOf(markdown: string, title: string): string {
    const start = markdown.indexOf(`\n## ${title}\n`);
    if (start < 0) return "";
    const end = markdown.indexOf("\n## ", start + 1);
    return markdown.slice(start, end < 0 ? undefined : end);
}

/** Every relative link of a markdown file, as written, and where it leads. */
function links(file: string): { link: string; target: string; fragment?: string }[] {
    return [...prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1])
        .filter((l) => !/^[a-z]+:/i.test(l))
        .map((link) => {
            const [target, fragment] = link.split("#");
            return { link, target: target === "" ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), target)), fragment };
        });
}

describe("the project's markdown", function () {
    this.timeout(120_000);

    it("its TypeScript snippets compile as written against the package: README, CONTRIBUTING, docs/ and the emulator's README", () => {
        const all = markdownFiles().flatMap((f) => snippets(read(f), f));
        const compiled = all.filter((s) => !s.fragment);
        assert.ok(compiled.some((s) => s.file === "README.md"), "the README's first stack is compiled");
        for (const kind of KIND_NAMES) assert.ok(compiled.filter((s) => s.file === pagePath(kind)).length >= 2, `${pagePath(kind)}: its example and get are compiled`);
        assert.deepStrictEqual(typeErrors(compiled), []);
    });

    it("its relative links lead to files that exist, and their anchors to headings there", () => {
        const broken: string[] = [];
        for (const file of markdownFiles()) {
            for (const { link, target, fragment } of links(file)) {
                if (!existsSync(path.join(ROOT, target))) broken.push(`${file}: ${link} (no ${target})`);
                else if (fragment && target.endsWith(".md") && !prose(read(target)).split("\n").some((l) => /^#+ /.test(l) && anchor(l.replace(/^#+ /, "")) === fragment)) {
                    broken.push(`${file}: ${link} (no heading #${fragment} in ${target})`);
                }
            }
        }
        assert.deepStrictEqual(broken, []);
    });

    it("the README links every reference page and, in its Guides, every guide in docs/ and the emulator's README", () => {
        const readme = read("README.md");
        for (const kind of KIND_NAMES) assert.ok(readme.includes(`(${pagePath(kind)})`), `README links ${pagePath(kind)}`);
        const guides = sectionOf(readme, "Guides");
        const expected = [
            ...markdownFiles().filter((f) => /^docs\/[^/]+\.md$/.test(f)),
            "emulator/README.md",
            // Guides the project keeps beside these.
            "docs/consuming.md",
            "docs/restore.md",
            "docs/shared-images.md",
            "docs/golden-image-component.md",
        ];
        for (const guide of new Set(expected)) assert.ok(guides.includes(`(${guide})`), `the README's Guides list ${guide}`);
    });

    it("the README's two commands are the ones CI runs and the demo", () => {
        const commands = sectionOf(read("README.md"), "The two commands");
        assert.match(commands, /\| `npm ci && npm test` \|/);
        assert.match(commands, /\| `npm ci && npm run demo` \|/);
        // (`|| exit 1`: under `set -e` a failing `npm ci` on the left of `&&` would not stop CI.)
        assert.match(read(".ci/run"), /^npm ci && npm test( \|\| exit 1)?$/m, ".ci/run runs the first");
    });

    it("the README's tsconfig.json is the one the packaging test compiles a user's program with", () => {
        const json = (file: string, text: string) => {
            const { config, error } = ts.parseConfigFileTextToJson(file, text);
            assert.strictEqual(error, undefined, `${file} is JSON`);
            return config as unknown;
        };
        const readme = blocks(sectionOf(read("README.md"), "A first stack")).filter((b) => b.language === "json" && b.code.includes("compilerOptions"));
        assert.strictEqual(readme.length, 1, "the first stack has one tsconfig.json");
        assert.deepStrictEqual(json("README.md", readme[0].code), json("tsconfig.json", read("test/packaging/user-stack/tsconfig.json")));
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
