/**
 * An expired SAS token on a package link or a script link is a preview warning; Azure Storage reads
 * the token's `se` in UTC, so whether it has expired never depends on the machine's time zone.
 */
import * as assert from "assert";
import { onProgress } from "../../provider/azure/progress";
import { providers } from "../../provider/runtime";
import { ZONES, inZone } from "../support/zones";
import { MEDIA_LINK, applicationVersionInputs, scriptVersionInputs } from "./inputs";
import { Inputs } from "../../provider/schema/types";

/** The link with its token's expiry written without a zone, `hours` from now. */
const expiringIn = (hours: number) => MEDIA_LINK.replace(/se=[^&]+/, `se=${encodeURIComponent(new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 19))}`);

/** The links that carry a SAS token, each with the program that sets it. */
const LINKS: { what: string; kind: "galleryApplicationVersion" | "galleryScriptVersion"; program: (link: string) => Inputs }[] = [
    { what: "an application package's mediaLink", kind: "galleryApplicationVersion", program: (link) => applicationVersionInputs({}, { source: { mediaLink: link } }) },
    { what: "a script version's scriptLink", kind: "galleryScriptVersion", program: (link) => scriptVersionInputs({}, { source: { scriptLink: link } }) },
];

async function warnings(link: string, which = LINKS[0]): Promise<string[]> {
    const said: string[] = [];
    const stop = onProgress((_u, m, severity) => severity === "warning" && said.push(m));
    try {
        const { failures } = await providers[which.kind].check!({}, which.program(link));
        assert.deepStrictEqual(failures, []);
        return said.filter((m) => /SAS token expired/.test(m));
    } finally {
        stop();
    }
}

describe("an expired SAS token on a package link, in any time zone", () => {
    for (const which of LINKS.slice(1)) {
        it(`${which.what}: a token valid for six more hours is no warning; one six hours past is`, async () => {
            assert.deepStrictEqual(await warnings(expiringIn(6), which), []);
            assert.strictEqual((await warnings(expiringIn(-6), which)).length, 1);
        });
    }

    for (const zone of ZONES) {
        it(`${zone}: a token valid for six more hours (UTC) is no warning; one six hours past is`, async () => {
            await inZone(zone, async () => {
                assert.deepStrictEqual(await warnings(expiringIn(6)), []);
                assert.strictEqual((await warnings(expiringIn(-6))).length, 1);
            });
        });
    }
});
