/**
 * An expired SAS token on a package link is a preview warning; Azure Storage reads the token's `se`
 * in UTC, so whether it has expired never depends on the machine's time zone.
 */
import * as assert from "assert";
import { onProgress } from "../../provider/azure/progress";
import { providers } from "../../provider/runtime";
import { ZONES, inZone } from "../support/zones";
import { MEDIA_LINK, applicationVersionInputs } from "./inputs";

/** The link with its token's expiry written without a zone, `hours` from now. */
const expiringIn = (hours: number) => MEDIA_LINK.replace(/se=[^&]+/, `se=${encodeURIComponent(new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 19))}`);

async function warnings(link: string): Promise<string[]> {
    const said: string[] = [];
    const stop = onProgress((_u, m, severity) => severity === "warning" && said.push(m));
    try {
        const { failures } = await providers.galleryApplicationVersion.check!({}, applicationVersionInputs({}, { source: { mediaLink: link } }));
        assert.deepStrictEqual(failures, []);
        return said.filter((m) => /SAS token expired/.test(m));
    } finally {
        stop();
    }
}

describe("an expired SAS token on a package link, in any time zone", () => {
    for (const zone of ZONES) {
        it(`${zone}: a token valid for six more hours (UTC) is no warning; one six hours past is`, async () => {
            await inZone(zone, async () => {
                assert.deepStrictEqual(await warnings(expiringIn(6)), []);
                assert.strictEqual((await warnings(expiringIn(-6))).length, 1);
            });
        });
    }
});
