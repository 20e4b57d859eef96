"""The talk page in a real browser (Debian's Chromium, driven by Playwright): log in, press the
button, speak a request from a WAV through Chromium's fake microphone, and see the agent's
answer in the captions and the email it is reading. Screenshots go to test-artifacts/browser/."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest
from playwright.async_api import async_playwright, expect

from mailvox.services.portal.users import UsersFile
from mailvox.speech import synthesize_16k
from mailvox_dev.devservers.stack import ModelService

CHROMIUM = Path("/usr/bin/chromium")  # installed by scripts/setup.sh
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


@pytest.fixture(scope="module")
def portal(run_dir, livekit_server, livekit_settings):
    users = run_dir / "portal-users.yaml"
    UsersFile(users).add("demo", "demo-password")
    service = ModelService(
        "portal",
        run_dir / "logs",
        env={
            "MAILVOX_PORTAL_USERS_FILE": str(users),
            "MAILVOX_PORTAL_SESSION_SECRET": "browser-test-session-secret-0123456789",
            "LIVEKIT_URL": livekit_server.url,
            "LIVEKIT_API_KEY": livekit_settings.api_key,
            "LIVEKIT_API_SECRET": livekit_settings.api_secret,
        },
    )
    service.start()
    yield service
    service.stop()


def microphone_wav(path: Path, text: str) -> Path:
    """What the fake microphone plays once: quiet while the agent greets, then the request."""
    silence = np.zeros(16000 * 9, dtype=np.int16).tobytes()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(silence + synthesize_16k(text) + silence)
    return path


async def test_a_blocked_microphone_is_said_plainly(portal, livekit_server):
    async with async_playwright() as p:
        # A microphone is there, but the page is not allowed to use it.
        browser = await p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--use-fake-device-for-media-stream"]
        )
        page = await browser.new_page()
        await page.goto(portal.url)
        await page.fill("#username", "demo")
        await page.fill("#password", "demo-password")
        await page.click("button[type=submit]")
        await page.click("#talk")
        await expect(page.locator("#problem")).to_have_text(
            "The microphone is blocked. Allow it for this page in the browser's settings, then press the button again.",
            timeout=30_000,
        )
        await expect(page.locator("#talk")).to_have_text("Start talking")  # the call did not stay half-open
        SHOTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=SHOTS / "0-microphone-blocked.png")
        await browser.close()


async def test_log_in_speak_and_see_the_answer_on_the_page(portal, agent_worker, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    wav = microphone_wav(tmp_path / "request.wav", "Read me the email from Sarah.")
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--use-fake-ui-for-media-stream",  # allow the microphone without a prompt
                "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-audio-capture={wav}%noloop",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        page = await browser.new_page(viewport={"width": 390, "height": 844})  # a phone screen
        await page.goto(portal.url)
        await page.fill("#username", "demo")
        await page.fill("#password", "wrong")
        await page.click("button[type=submit]")
        await expect(page.locator("#login-error")).to_have_text("That user name and password don't match.")
        await page.fill("#password", "demo-password")
        await page.click("button[type=submit]")
        await expect(page.locator("#who")).to_have_text("demo")
        await expect(page.locator("#login")).to_be_hidden()
        await page.screenshot(path=SHOTS / "1-logged-in.png")

        await page.click("#talk")
        await expect(page.locator("#talk")).to_have_text("Hang up")
        greeting = page.locator(".captions p.agent").first
        await expect(greeting).to_contain_text("messages you haven't read yet", timeout=120_000)
        await expect(page.locator(".captions p.user")).to_contain_text("Sarah", timeout=120_000)
        answer = page.locator(".captions p.agent", has_text="Q3 budget numbers")
        await expect(answer).to_be_visible(timeout=120_000)
        await expect(page.locator("#email-sender")).to_have_text("Sarah Chen")
        await expect(page.locator("#email-subject")).to_have_text("Q3 budget numbers needed by Friday")
        assert await page.locator("#agent-state").text_content() in {"speaking", "listening", "thinking"}
        await page.screenshot(path=SHOTS / "2-answer.png", full_page=True)

        await page.click("#talk")
        await expect(page.locator("#status")).to_have_text("Call ended. Press the button to talk again.")
        await browser.close()
