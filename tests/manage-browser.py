#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# manage-browser.py: the hub's /manage/ pages in a real browser (Debian's chromium, headless, through
# chromium-driver and python3-selenium): a member signs in and edits a session's time, the editor
# approves it, and the service's public page shows it. Draws each page at a phone's width and a
# desktop's into a folder. Driven by tests/test-hub-manage.c, which checks the rest (sync, search).
#
#   manage-browser.py HUB_URL MEMBER_EMAIL MEMBER_PASS EDITOR_EMAIL EDITOR_PASS SERVICE_ID OLD NEW SHOTS_DIR
#
# OLD and NEW: the session text before and after ("10:00" → "10:30"). Prints "page-loads N" for the
# member's way from the sign-in page to the edited listing, and exits non-zero on any failure.
import json
import os
import sys
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

hub, member, member_pass, editor, editor_pass, service_id, old, new, shots = sys.argv[1:10]


def browser(width, height, phone=False):
    options = Options()
    if phone:
        # Headless chromium's windows are at least 500 px wide: a phone's width is emulated.
        options.add_experimental_option("mobileEmulation",
                                        {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 1.0}})
    options.binary_location = os.environ.get("SIGNPOST_CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def shot(driver, name):
    # The whole page, as tall as it is (measured in a short window: a tall one is its own height).
    driver.set_window_size(driver.get_window_size()["width"], 600)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(driver.get_window_size()["width"], max(height + 140, 600))
    driver.save_screenshot(os.path.join(shots, name + ".png"))


def submit(driver, button):
    """Clicks a form's button and waits for the page it leads to."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 20).until(lambda _: gone(page))


def gone(element):
    """Whether the page @element belonged to has been replaced. Chromium sometimes says so
    with "Node with given id does not belong to the document" rather than a stale element."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def check(condition, message):
    if not condition:
        print("FAILED: " + message, file=sys.stderr)
        sys.exit(1)


def sign_in(driver, email, passphrase):
    driver.get(hub + "/manage/sign-in")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "passphrase").send_keys(passphrase)
    submit(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check("/manage/" in driver.current_url and "sign-in" not in driver.current_url,
          "signing in as %s led to %s" % (email, driver.current_url))


def sign_out(driver):
    submit(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/manage/sign-out'] button"))


os.makedirs(shots, exist_ok=True)
loads = 0
phone = browser(390, 900, phone=True)
desktop = browser(1280, 900)
try:
    # The member: sign-in page (1), listings (2), edit form (3), saved as pending (4).
    d = desktop
    d.get(hub + "/manage/sign-in")
    loads += 1
    shot(d, "manage-sign-in-desktop")
    d.find_element(By.ID, "email").send_keys(member)
    d.find_element(By.ID, "passphrase").send_keys(member_pass)
    submit(d, d.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    loads += 1
    check(d.current_url.endswith("/manage/"), "after sign-in: " + d.current_url)
    shot(d, "manage-listings-desktop")
    submit(d, d.find_element(By.CSS_SELECTOR, "a[href='/manage/services/%s/edit']" % service_id))
    loads += 1
    sessions = d.find_element(By.ID, "schedule")
    text = sessions.get_attribute("value")
    check(old in text, "the sessions field says %r, without %r" % (text, old))
    sessions.clear()
    sessions.send_keys(text.replace(old, new, 1))
    shot(d, "manage-edit-desktop")
    submit(d, d.find_element(By.CSS_SELECTOR, "form[action='/manage/services/%s/edit'] button[type=submit]" % service_id))
    loads += 1
    check("pending" in d.page_source.lower() or "waiting" in d.page_source.lower(),
          "after saving: no word of the change waiting for the editor: " + d.current_url)
    shot(d, "manage-saved-desktop")
    print("page-loads %d" % loads)
    sign_out(d)

    # The editor approves it.
    sign_in(d, editor, editor_pass)
    d.get(hub + "/manage/changes")
    shot(d, "manage-changes-desktop")
    links = d.find_elements(By.CSS_SELECTOR, "main a[href^='/manage/changes/']")
    check(len(links) > 0, "the editor's list of changes is empty")
    submit(d, links[0])
    check(new in d.page_source, "the change's page does not show %r" % new)
    shot(d, "manage-change-desktop")
    submit(d, d.find_element(By.CSS_SELECTOR, "button[name=decision][value=approve]"))
    shot(d, "manage-approved-desktop")
    d.get(hub + "/manage/freshness")
    shot(d, "manage-freshness-desktop")
    d.get(hub + "/manage/services/%s/history" % service_id)
    shot(d, "manage-history-desktop")
    d.get(hub + "/manage/members")
    shot(d, "manage-members-desktop")
    sign_out(d)

    # Public: the service's record shows the new time at once.
    request = urllib.request.Request(hub + "/services/" + service_id, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request) as answer:
        service = json.load(answer)
    opens = [s.get("opens_at") for s in service.get("schedules", [])]
    check(new in opens, "/services/%s has sessions opening at %r, not %r, after approval" % (service_id, opens, new))
    d.get(hub + "/services/" + service_id)
    shot(d, "public-service-after-desktop")

    # The same pages on a phone.
    p = phone
    sign_in(p, member, member_pass)
    shot(p, "manage-listings-phone")
    p.get(hub + "/manage/services/%s/edit" % service_id)
    shot(p, "manage-edit-phone")
    # A form sent back empty: the error summary and the messages beside the fields.
    name = p.find_element(By.ID, "name")
    name.clear()
    submit(p, p.find_element(By.CSS_SELECTOR, "form[action='/manage/services/%s/edit'] button[type=submit]" % service_id))
    check("error-summary" in p.page_source, "an empty name gave no error summary")
    shot(p, "manage-edit-errors-phone")
    sign_out(p)
    p.get(hub + "/manage/sign-in")
    shot(p, "manage-sign-in-phone")
finally:
    phone.quit()
    desktop.quit()
