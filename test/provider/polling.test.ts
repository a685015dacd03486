/**
 * How often the provider polls an operation Azure accepted: the SDK's own interval (2 s when Azure
 * sends no Retry-After) unless `azure-compute-gallery:pollIntervalSeconds` says otherwise.
 */
import * as assert from "assert";
import { resolveSettings } from "../../provider/azure/settings";
import { providers } from "../../provider/runtime";
import { emulatorForProvider } from "../support/emulator";
import { galleryInputs } from "./inputs";

describe("the poll interval setting", function () {
    const emulator = emulatorForProvider({ operationMs: 600 });
    const saved = process.env.AZURE_GALLERY_POLL_INTERVAL_SECONDS;
    afterEach(() => {
        if (saved === undefined) delete process.env.AZURE_GALLERY_POLL_INTERVAL_SECONDS;
        else process.env.AZURE_GALLERY_POLL_INTERVAL_SECONDS = saved;
    });

    const pollsDuringCreate = async (galleryName: string) => {
        const at = emulator().requests.length;
        await providers.gallery.create(galleryInputs({ galleryName }));
        return emulator().requests.slice(at).filter((r) => r.method === "GET" && /capsOperations/i.test(r.path)).length;
    };

    it("polls as often as the setting says, and at the SDK's own pace without it", async () => {
        process.env.AZURE_GALLERY_POLL_INTERVAL_SECONDS = "0.05";
        const often = await pollsDuringCreate("pollsoften");
        assert.ok(often >= 6, `a 600 ms operation polled every 50 ms; it polled ${often} times`);
        delete process.env.AZURE_GALLERY_POLL_INTERVAL_SECONDS;
        const rarely = await pollsDuringCreate("pollsrarely");
        // One look as the operation starts, then one after 2 s.
        assert.ok(rarely <= 2, `the SDK waits 2 s between polls; it polled ${rarely} times`);
    });

    it("refuses a poll interval that is not a positive number, naming the setting", () => {
        assert.strictEqual(resolveSettings({}, { AZURE_GALLERY_POLL_INTERVAL_SECONDS: "0.5" }).pollIntervalSeconds, 0.5);
        assert.throws(() => resolveSettings({}, { AZURE_GALLERY_POLL_INTERVAL_SECONDS: "0" }), /azure-compute-gallery:pollIntervalSeconds must be a positive number of seconds, not "0"/);
        assert.throws(() => resolveSettings({}, { AZURE_GALLERY_POLL_INTERVAL_SECONDS: "fast" }), /pollIntervalSeconds/);
    });
});
