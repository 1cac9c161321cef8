#!/usr/bin/env python3
"""The explorer page in a real headless browser (issue 16 point 4).

Starts a real `proofmintd` devnet (the debug binaries of `swift build`, a temporary home, a free port, `--dev-control`),
opens the page it serves in Debian's headless chromium through chromedriver (Selenium), checks the latest blocks
appear, sends a transfer with the real wallet CLI and waits until the page shows it without a reload (in the latest
transactions and in the account's history), then looks up the recipient and sees its balance change.

    python3 scripts/explorer_browser_test.py [--bin-dir DIR] [--screenshots docs/images]

`make test-browser` installs chromium, chromium-driver and Selenium when they are missing and runs it. The node is
always stopped (try/finally), also when a check fails.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEV0 = "pm1r9g7t872y2jmwvw29jwwxk5n7tjgp0qem6play"
DEV1 = "pm1lsjtkgeu8mskkaggftft67wslzfls4eaamhuhp"
WAIT_SECONDS = 30


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bin_dir(given):
    if given:
        return given
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=REPO, check=True, capture_output=True, text=True)
    return out.stdout.strip()


def rpc(url, method, params=None):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params or {}}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = json.load(response)
    if "error" in answer:
        raise RuntimeError(f"{method}: {answer['error']}")
    return answer["result"]


class Devnet:
    """A one-node devnet in a temporary home, and the wallet pointed at it."""

    def __init__(self, bins, block_ms):
        self.bins = bins
        self.home = tempfile.mkdtemp(prefix="proofmint-explorer-")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.block_ms = block_ms
        self.process = None
        self.log = open(os.path.join(self.home, "node.log"), "w")

    def start(self):
        data = os.path.join(self.home, "node")
        subprocess.run([os.path.join(self.bins, "proofmintd"), "init", "--genesis", os.path.join(REPO, "genesis", "devnet.json"),
                        "--home", data, "--dev-validator", "0"], check=True, capture_output=True)
        self.process = subprocess.Popen(
            [os.path.join(self.bins, "proofmintd"), "start", "--home", data, "--rpc-port", str(self.port), "--dev-control",
             "--block-time", str(self.block_ms)], stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"proofmintd exited with {self.process.returncode}; see {self.log.name}")
            try:
                rpc(self.url, "pm_status")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"proofmintd did not answer at {self.url} within {WAIT_SECONDS} s")

    def wallet(self, *arguments):
        env = dict(os.environ, PROOFMINT_PASSWORD="browser-test", PROOFMINT_KDF="interactive",
                   PROOFMINT_KEYSTORE=os.path.join(self.home, "keys"), PROOFMINT_NODE=self.url)
        out = subprocess.run([os.path.join(self.bins, "proofmint"), *arguments], env=env, capture_output=True, text=True)
        if out.returncode != 0:
            raise AssertionError(f"proofmint {' '.join(arguments)} exited with {out.returncode}: {out.stderr.strip()}")
        return out.stdout

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1100"):
        options.add_argument(flag)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def wait_for(driver, what, condition):
    # The page re-renders its tables every second, so an element found a moment ago may be gone: look again.
    try:
        return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.2, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda d: condition(d))
    except TimeoutException:
        raise AssertionError(f"the page did not show {what} within {WAIT_SECONDS} s") from None


def present(css):
    return lambda d: d.find_elements(By.CSS_SELECTOR, css) or False


def shot(driver, directory, name):
    if directory:
        os.makedirs(directory, exist_ok=True)
        driver.save_screenshot(os.path.join(directory, name))


def check(driver, devnet, screenshots):
    driver.get(devnet.url + "/explorer")
    rows = wait_for(driver, "the latest blocks", present("#blocks tbody tr[data-height]"))
    first_height = int(rows[0].get_attribute("data-height"))
    # It updates by itself: a newer block appears without a reload.
    wait_for(driver, "a newer block", lambda d: int(d.find_element(By.CSS_SELECTOR, "#blocks tbody tr").get_attribute("data-height")) > first_height)
    wait_for(driver, "the current epoch", present("#epoch-number"))
    wait_for(driver, "the supply charts", present("#supply-chart svg[data-series=circulating]"))

    # Look up the recipient before the transfer, by the search box.
    search = driver.find_element(By.ID, "search")
    search.send_keys(DEV1, Keys.ENTER)
    balance = wait_for(driver, "the recipient's balance", present("#account-balance"))[0]
    before = int(balance.get_attribute("data-balance"))

    sent = json.loads(devnet.wallet("tx", "transfer", "--from", "dev0", "--to", DEV1, "--amount", "2.5AI", "--json"))
    tx = sent["id"]
    wait_for(driver, "the transfer among the latest transactions", present(f'#txs tr[data-tx="{tx}"]'))
    wait_for(driver, "the transfer in the account's history", present(f'#detail tr[data-tx="{tx}"]'))
    after = wait_for(driver, "the new balance", lambda d: int(d.find_element(By.ID, "account-balance").get_attribute("data-balance")) != before
                     and int(d.find_element(By.ID, "account-balance").get_attribute("data-balance")))
    assert after == before + 2_500_000_000_000_000_000, f"dev1's balance went from {before} to {after}, not up by 2.5 AI"
    shot(driver, screenshots, "explorer-account.png")

    # The block that included it, by clicking it in the list: its transaction with its receipt.
    height = sent["height"]
    wait_for(driver, "the including block in the list", present(f'#blocks tr[data-height="{height}"]'))[0].click()
    wait_for(driver, "the block's transactions", present(f'#block-detail[data-height="{height}"]'))
    receipt_row = wait_for(driver, "the transfer's receipt", present(f'#detail tr[data-tx="{tx}"]'))[0]
    assert "ok" in receipt_row.text, f"the receipt row says {receipt_row.text!r}"
    shot(driver, screenshots, "explorer-block.png")

    # The sender's account: balance down by the amount and the fee, the transfer in its history.
    search = driver.find_element(By.ID, "search")
    search.clear()
    search.send_keys(tx, Keys.ENTER)
    wait_for(driver, "the transaction page", present(f'#tx-detail[data-tx="{tx}"]'))
    driver.get(devnet.url + "/#/")
    wait_for(driver, "the overview again", present("#blocks tbody tr[data-height]"))
    settle_an_epoch(driver, devnet)
    vote_on_a_proposal(driver, devnet)
    shot(driver, screenshots, "explorer-overview.png")
    if screenshots:
        driver.execute_script("document.querySelector('#supply-chart').scrollIntoView()")
        shot(driver, screenshots, "explorer-charts.png")


def settle_an_epoch(driver, devnet):
    """docs/COOKBOOK.md, "Watch an epoch settle in the explorer": one compute receipt, then pm_mine past the epoch's
    end and its receipt's windows; the page shows the settlement in the rewards chart and the mint in the supply."""
    devnet.wallet("tx", "stake", "--from", "dev2", "--amount", "500AI")
    content = "ab" * 32
    job = os.path.join(devnet.home, "job.json")
    devnet.wallet("receipt", "sign", "--from", "dev1", "--provider", "dev2", "--units", "1000", "--quality", "95", "--price", "10AI",
                  "--workload", "llama-3-8b", "--model-hash", content, "--input-hash", content, "--output-hash", content, "--out", job)
    submitted = json.loads(devnet.wallet("tx", "submit-proof", "--from", "dev2", "--receipt", job, "--json"))
    accepted = [e for e in submitted["receipt"]["events"] if e["type"] == "proof_accepted"]
    assert accepted, f"the proof was not accepted: {submitted['receipt']}"
    epoch = accepted[0]["epoch"]
    while rpc(devnet.url, "pm_getEpoch", {"epoch": epoch})["settlement"] is None:
        rpc(devnet.url, "pm_mine", {"blocks": 50})
    paid = wait_for(driver, f"epoch {epoch} settled in the rewards chart",
                    present(f'#rewards-chart g[data-epoch="{epoch}"][data-settled="true"]'))[0].get_attribute("data-paid")
    assert int(paid) > 0, f"epoch {epoch} settled with nothing paid"
    wait_for(driver, "the minted supply", lambda d: int(d.find_element(By.CSS_SELECTOR, "#supply-chart svg[data-series=minted]").get_attribute("data-last")) > 0)


def vote_on_a_proposal(driver, devnet):
    """A text proposal from the staked provider, then its yes vote: the proposals list shows it and its live tally."""
    proposed = json.loads(devnet.wallet("tx", "propose", "text", "--from", "dev2", "--title", "Explorer screenshot",
                                        "--document-hash", "cd" * 32, "--json"))
    proposal = [e for e in proposed["receipt"]["events"] if e["type"] == "proposed"][0]["proposal_id"]
    wait_for(driver, f"proposal {proposal} in the list", present(f'#proposals tr[data-proposal="{proposal}"][data-status=voting]'))
    devnet.wallet("tx", "vote", "--from", "dev2", "--proposal", str(proposal), "--option", "yes")
    wait_for(driver, "the vote in the live tally", present(f'#proposals tr[data-proposal="{proposal}"][data-voters="1"]'))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin-dir", default=os.environ.get("PROOFMINT_BIN_DIR"), help="where proofmintd and proofmint are (default: swift build --show-bin-path)")
    parser.add_argument("--screenshots", help="save PNGs of the page (overview, block, account, charts) to this directory")
    parser.add_argument("--block-time", type=int, default=300, help="the devnet's block interval in milliseconds")
    args = parser.parse_args()
    started = time.monotonic()
    devnet = Devnet(bin_dir(args.bin_dir), args.block_time)
    driver = None
    try:
        devnet.start()
        devnet.wallet("keys", "import-dev", "--count", "3")
        driver = browser()
        check(driver, devnet, args.screenshots)
    finally:
        if driver:
            driver.quit()
        devnet.stop()
    print(f"explorer browser test: passed in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"explorer browser test: FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
