/**
 * Names as Microsoft documents them: azure-spec/NAMING.md quotes the naming-rules page [L] and the
 * troubleshooting guide [T], and says which the provider follows where they differ. Each row names the
 * quote it comes from; a refused name fails at check, naming the field and the broken part of the rule.
 */
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { galleryInputs, imageInputs, versionInputs } from "./inputs";

type Kind = "gallery" | "galleryImage" | "galleryImageVersion";
type Row = [name: string, accepted: boolean, why: string, reason?: RegExp];

const tables: { field: string; kind: Kind; inputs: (name: string) => Inputs; rows: Row[] }[] = [
    {
        field: "resourceGroupName",
        kind: "gallery",
        inputs: (name) => galleryInputs({ resourceGroupName: name }),
        rows: [
            ["golden-images_(prod).eu", true, "[L] underscores, hyphens, periods, parentheses, letters, digits"],
            ["grüße", true, "[L] LowercaseLetter beyond a-z"],
            ["ÉQUIPE", true, "[L] UppercaseLetter beyond A-Z"],
            ["ǅemal", true, "[L] TitlecaseLetter (U+01C5)"],
            ["ʰrg", true, "[L] ModifierLetter (U+02B0)"],
            ["リソース", true, "[L] OtherLetter"],
            ["资源组", true, "[L] OtherLetter"],
            ["rg٣", true, "[L] DecimalDigitNumber (Arabic-Indic three)"],
            ["r".repeat(90), true, "[L] 1-90"],
            ["r".repeat(91), false, "[L] 1-90", /1-90 characters long, not 91/],
            ["", false, "[L] 1-90", /1-90 characters long, not 0/],
            ["rg.", false, "[L] Can't end with period", /not end with a period; "rg\." ends with "\."/],
            ["rg name", false, "[L] a space is none of the listed characters", /" " is not allowed/],
            ["rg#1", false, "[L] don't use # in a resource name", /"#" is not allowed/],
            ["rg/x", false, "[L] a slash is none of the listed characters", /"\/" is not allowed/],
            ["rg\u0301", false, "[L] a combining mark (NonSpacingMark) is no letter or digit", /not allowed/],
            ["rg²", false, "[L] OtherNumber is not DecimalDigitNumber", /"²" is not allowed/],
            ["rg𝐀", false, "[L] Char.IsLetterOrDigit judges one UTF-16 unit: a surrogate is no letter", /"𝐀" is not allowed/],
        ],
    },
    {
        field: "galleryName",
        kind: "gallery",
        inputs: (name) => galleryInputs({ galleryName: name }),
        rows: [
            ["golden.images", true, "[L] alphanumerics and periods"],
            ["golden_images", true, "[T] underscores allowed in the middle"],
            ["g", true, "[L] 1-80"],
            ["g".repeat(80), true, "[L] 1-80"],
            ["g".repeat(81), false, "[L] 1-80; [T] up to 80 characters", /1-80 characters long, not 81/],
            ["golden-images", false, "[T] dashes are disallowed", /"-" is not allowed/],
            ["gällery", false, "[L] alphanumeric is a-z, A-Z, 0-9; [T] English alphanumeric", /"ä" is not allowed/],
            [".golden", false, "[L] start with alphanumeric", /start with a letter or digit/],
            ["_golden", false, "[L] start with alphanumeric; [T] underscores in the middle", /start with a letter or digit/],
            ["golden.", false, "[L] end with alphanumeric; [T] invalid trailing characters", /end with a letter or digit \(a-z, A-Z, 0-9\); "golden\." ends with "\."/],
            ["golden_", false, "[L] end with alphanumeric; [T] invalid trailing characters", /end with a letter or digit/],
        ],
    },
    {
        field: "galleryImageName",
        kind: "galleryImage",
        inputs: (name) => imageInputs({ galleryImageName: name }),
        rows: [
            ["ubuntu_24-04.lts", true, "[L] alphanumerics, underscores, hyphens, periods"],
            ["U", true, "[L] 1-80"],
            ["u".repeat(81), false, "[L] 1-80; [T] {0,79}", /1-80 characters long, not 81/],
            ["ubuntu-", false, "[L] end with alphanumeric; [T] (?<![-.])", /end with a letter or digit/],
            ["ubuntu.", false, "[L] end with alphanumeric; [T] (?<![-.])", /end with a letter or digit/],
            ["ubuntu_", false, "[L] end with alphanumeric; [T] cause column: ends with an underscore", /end with a letter or digit/],
            ["-ubuntu", false, "[L] start with alphanumeric; [T] [^_\\W]", /start with a letter or digit/],
            ["_ubuntu", false, "[L] start with alphanumeric; [T] [^_\\W]", /start with a letter or digit/],
            ["übuntu", false, "[L] alphanumeric is a-z, A-Z, 0-9", /"ü" is not allowed/],
            ["ubuntu 24", false, "[L] a space is none of the listed characters", /" " is not allowed/],
        ],
    },
    {
        field: "galleryImageVersionName",
        kind: "galleryImageVersion",
        inputs: (name) => versionInputs({ galleryImageVersionName: name }),
        rows: [
            ["1.0.0", true, "[L] numbers and periods; [T] Major.Minor.Patch"],
            ["2147483647.2147483647.2147483647", true, "[L] each segment an int32"],
            ["2147483648.0.0", false, "[L] max value 2,147,483,647", /2147483647/],
            ["1.0", false, "[T] Major(int).Minor(int).Patch(int)", /major\.minor\.patch/],
            ["1.0.0-beta", false, "[L] numbers and periods", /major\.minor\.patch/],
            ["１.0.0", false, "[L] numbers: the fullwidth one is not an int32 the service parses", /major\.minor\.patch/],
        ],
    },
];

describe("names: the documented naming rules", () => {
    for (const t of tables) {
        describe(t.field, () => {
            for (const [name, accepted, why, reason] of t.rows) {
                it(`${JSON.stringify(name.length > 24 ? `${name.slice(0, 8)}…(${name.length})` : name)} ${accepted ? "accepted" : "refused"}: ${why}`, async () => {
                    const { failures } = await providers[t.kind].check!({}, t.inputs(name));
                    const mine = (failures ?? []).filter((f) => f.property === t.field);
                    if (accepted) return assert.deepStrictEqual(failures, []);
                    assert.ok(mine.length > 0, JSON.stringify(failures));
                    assert.ok(mine.every((f) => f.reason.startsWith(`${t.field} `)), "the message names the field");
                    if (reason) assert.match(mine.map((f) => f.reason).join("\n"), reason);
                });
            }
        });
    }

    it("names are compared without regard to case ([L]: case-insensitive), in any script", async () => {
        const d = await providers.gallery.diff!("id", galleryInputs({ resourceGroupName: "GRÜSSE-Équipe" }), galleryInputs({ resourceGroupName: "grüsse-équipe" }));
        assert.strictEqual(d.changes, false);
    });

    it("a generated name follows its kind's rule whatever the program's logical name", async () => {
        for (const logical of ["golden-images", "日本", "_x", "a".repeat(200), "--"]) {
            for (const kind of ["gallery", "galleryImage"] as const) {
                const urn = `urn:pulumi:dev::golden::pulumi-nodejs:dynamic/azure-compute-gallery:X::${logical}`;
                const base = kind === "gallery" ? galleryInputs({ galleryName: undefined }) : imageInputs({ galleryImageName: undefined });
                const { failures, inputs } = await providers[kind].check!({}, { ...base, __urn: urn });
                assert.deepStrictEqual(failures, [], `${kind} ${logical}: ${String(inputs[kind === "gallery" ? "galleryName" : "galleryImageName"])}`);
            }
        }
    });
});
