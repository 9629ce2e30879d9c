"""Drives the page `trailmap render --format html` writes in headless
Chromium and checks it against the `trailmap` binary (see run.sh)."""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import jsonschema
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def cli_next(binary, roadmap, extra):
    """The ids `trailmap next` lists, in its order."""
    out = subprocess.run([binary, "next", roadmap, "--format", "json", *extra], check=True, capture_output=True, text=True)
    return [item["id"] for item in json.loads(out.stdout)]


def page_next(driver):
    return [e.get_attribute("data-next-id") for e in driver.find_elements(By.CSS_SELECTOR, "#tm-next-list [data-next-id]")]


def ticked(driver):
    return driver.execute_script(
        "return Array.from(new Set(Array.from(document.querySelectorAll('input[data-skill-id]'))"
        ".filter(b => b.checked).map(b => b.getAttribute('data-skill-id'))));"
    )


def fail(message):
    print(f"browser test FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def expect(condition, message):
    if not condition:
        fail(message)


def console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--roadmap", required=True)
    parser.add_argument("--page", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--screenshot")
    args = parser.parse_args()

    roadmap = json.loads(pathlib.Path(args.roadmap).read_text())
    schema = json.loads(pathlib.Path(args.schema).read_text())
    downloads = pathlib.Path(args.out, "downloads").resolve()
    shutil.rmtree(downloads, ignore_errors=True)
    downloads.mkdir(parents=True)
    profile = tempfile.mkdtemp(prefix="trailmap-chromium-")

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                 "--window-size=1280,1600"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        url = pathlib.Path(args.page).resolve().as_uri()
        driver.get(url)
        driver.execute_script("window.localStorage.clear();")
        driver.refresh()
        expect(not console_errors(driver), f"console errors on load: {console_errors(driver)}")

        # Every skill is on the page with a visible checkbox and its name.
        for skill in roadmap["skills"]:
            boxes = driver.find_elements(By.CSS_SELECTOR, f'input[data-skill-id="{skill["id"]}"]')
            expect(boxes, f"no checkbox for {skill['id']}")
            expect(any(b.is_displayed() for b in boxes), f"checkbox of {skill['id']} is hidden")
            label = boxes[0].find_element(By.XPATH, "./..").text
            expect(skill["name"] in label, f"label of {skill['id']} is {label!r}")
        expect(page_next(driver) == cli_next(args.bin, args.roadmap, []), "What next differs before any tick")

        # Tick three skills one after another: the top suggestion each time.
        done = []
        for step in range(3):
            pick = page_next(driver)[0]
            box = driver.find_element(By.CSS_SELECTOR, f'input[data-skill-id="{pick}"]')
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
            box.click()
            done.append(pick)
            expected = cli_next(args.bin, args.roadmap, ["--done", ",".join(done)])
            shown = page_next(driver)
            expect(shown == expected, f"after ticking {done}: page shows {shown}, trailmap next says {expected}")
            print(f"tick {step + 1} ({pick}): What next has {len(shown)} skills, same order as trailmap next")
        expect(sorted(ticked(driver)) == sorted(done), f"ticked {ticked(driver)}, expected {done}")

        # The ticks survive a reload.
        driver.refresh()
        expect(sorted(ticked(driver)) == sorted(done), f"after reload ticked {ticked(driver)}, expected {done}")
        expect(page_next(driver) == cli_next(args.bin, args.roadmap, ["--done", ",".join(done)]),
               "What next differs after reload")

        # The exported progress is a valid progress file with the ticks.
        driver.execute_script("window.scrollTo(0, 0);")
        driver.find_element(By.ID, "tm-export").click()
        exported = None
        for _ in range(100):
            files = [f for f in downloads.iterdir() if f.suffix == ".json"]
            if files:
                exported = files[0]
                break
            time.sleep(0.1)
        expect(exported is not None, "no file was exported")
        time.sleep(0.2)
        progress = json.loads(exported.read_text())
        jsonschema.validate(progress, schema)
        expect(sorted(progress["skills"]) == sorted(done), f"exported {progress['skills']}")
        expect(roadmap["id"] in progress["roadmaps"], "the export names the roadmap")
        expect(cli_next(args.bin, args.roadmap, ["--progress", str(exported)]) == page_next(driver),
               "trailmap next on the exported file differs from the page")
        print(f"exported {exported.name}: valid against {args.schema}")

        expect(not console_errors(driver), f"console errors: {console_errors(driver)}")
        if args.screenshot:
            driver.execute_script("window.scrollTo(0, 0);")
            driver.save_screenshot(args.screenshot)
            print(f"screenshot: {args.screenshot}")
        # The page written again from another progress file starts from that
        # file, not from the ticks saved in the browser; a tick there is then
        # kept across a reload.
        partial = pathlib.Path(args.out, "partial-progress.json")
        partial.write_text(json.dumps({"roadmaps": [roadmap["id"]], "skills": {done[0]: {"status": "done"}}}))
        rendered = subprocess.run([args.bin, "render", args.roadmap, "--format", "html", "--progress", str(partial)],
                                  capture_output=True, text=True, check=True)
        pathlib.Path(args.page).write_text(rendered.stdout)
        driver.refresh()
        expect(ticked(driver) == [done[0]], f"a page written from {partial.name} shows {ticked(driver)}")
        status = driver.find_element(By.ID, "tm-status").text
        expect("written with" in status, f"no word of the ticks saved for another page: {status!r}")
        box = driver.find_element(By.CSS_SELECTOR, f'input[data-skill-id="{done[1]}"]')
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
        box.click()
        driver.refresh()
        expect(sorted(ticked(driver)) == sorted(done[:2]), f"after a tick and a reload: {ticked(driver)}")
        print("a page written again from another progress file starts from it; its own ticks are kept")

        expect(not console_errors(driver), f"console errors: {console_errors(driver)}")
        print(f"browser test passed: {len(roadmap['skills'])} skills shown, 3 ticks, reload, export, new progress file")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
