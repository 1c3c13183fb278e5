"""Stable problem codes: the one registry of every kind of problem `check` can report (SPEC §5.1).

A code is `CF-` plus E (error) or W (warning) and three digits; the first digit is the
group (see GROUPS). A code never changes its meaning once given: a message may be
reworded, but a different kind of problem gets a new code, and the number of a check
that goes away is listed in RETIRED and never given out again. docs/problem-codes.md
is generated from this module (`make codes`).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from .messages import DEFAULT, M

Severity = Literal["error", "warning"]

CODE_RE = re.compile(r"CF-[EW][0-9]{3}")


@dataclass(frozen=True)
class Code:
    """One kind of problem: its code, default severity and what it means for a member."""

    code: str
    severity: Severity
    title: str
    meaning: str  # one sentence, plain English: what is wrong
    fix: str  # what to do about it

    @property
    def group(self) -> str:
        """The group digit (CF-E201 → "2")."""
        return self.code[4]


GROUPS = {
    "0": M("Files and YAML"),
    "1": M("Field values"),
    "2": M("References between files and translations"),
    "3": M("Labels and dates"),
    "4": M("Logos"),
    "5": M("Markdown in descriptions"),
    "6": M("Site configuration (mkdocs.yml)"),
    "7": M("Repository and review"),
}


def _e(code: str, title: str, meaning: str, fix: str) -> Code:
    return Code(f"CF-E{code}", "error", title, meaning, fix)


def _w(code: str, title: str, meaning: str, fix: str) -> Code:
    return Code(f"CF-W{code}", "warning", title, meaning, fix)


_REGISTRY: tuple[Code, ...] = (
    # --- 0: files and YAML ----------------------------------------------------------------
    _e("001", "File cannot be read",
       "The file is there, but it could not be opened.",
       "Check that it is a normal file (not a folder) and that you may read it."),
    _e("002", "Not UTF-8 text",
       "The file is saved in an old text encoding, so letters such as ä or é cannot be read.",
       "Save the file as UTF-8; the GitHub web editor always does."),
    _e("003", "File too large",
       "The file is larger than 256 KiB, far more than any profile needs.",
       "Check that you saved the right file; a profile is a few KiB."),
    _e("004", "YAML syntax error",
       "The file's form is broken at the place named, so nothing in it can be read.",
       "Fix it there: often a space is missing after `:`, a quote or bracket is not closed, "
       "lines are indented with tabs, or a text containing `: ` needs quotes."),
    _e("005", "YAML error",
       "The YAML reader stopped without naming a place in the file.",
       "Compare the file with a colleague's profile or the template from new-member; "
       "retype lines that came from a word processor."),
    _e("006", "More than one document",
       "A line `---` is followed by more content; a profile is one document.",
       "Remove the `---` line and what follows it."),
    _e("007", "Field name is not text",
       "A field name is written as a list or a group of fields.",
       "Write every field name as a plain word followed by `:`."),
    _e("008", "Duplicate field",
       "The same field appears twice at the same level, and only one of them can count.",
       "Keep one of them and merge what the other said into it."),
    _e("009", "Merge key",
       "`<<` copies fields from elsewhere in the file; every profile must read on its own.",
       "Write the fields out in full."),
    _e("010", "Anchor",
       "`&name` marks a value for reuse elsewhere; profiles do not share values.",
       "Remove `&name` and write the value out wherever it is needed."),
    _e("011", "Alias",
       "`*name` repeats a value marked elsewhere; profiles do not share values.",
       "Write the value out in full instead of `*name`."),
    _e("012", "Tag",
       "A `!` or `!!` tag asks YAML to build a special value; profiles hold plain values only.",
       "Remove the tag and write a plain value."),
    _e("013", "Invisible character",
       "The text contains an invisible control, direction or zero-width character, "
       "often pasted from a word processor or PDF, that can hide or reorder text.",
       "Delete the character at the position named, or retype the text."),
    _e("014", "File has no fields",
       "The file must be a set of `name: value` fields, but it is empty, a list or plain text.",
       "Start from the template that new-member writes, or from a colleague's profile."),
    _e("015", "Required file missing",
       "profiles/cluster.yml or profiles/taxonomy.yml does not exist.",
       "Restore the file, e.g. from the repository's history."),
    _e("016", "Profile in a subfolder",
       "Member profiles must lie directly in profiles/members/; a subfolder is not read.",
       "Move the files up into profiles/members/."),
    _e("017", "Wrong file ending",
       "Member files end in .yml; a file with another ending would not be read.",
       "Rename the file to the name proposed in the message."),
    _e("018", "File name is not a slug",
       "The file name becomes the address of the member's page, so it may only use "
       "lower-case letters, digits and hyphens.",
       "Rename the file to the name proposed in the message."),
    _e("019", "Nested too deeply",
       "Lists and fields are nested more than 20 levels deep; no profile needs that many, and reading them "
       "would take the checker too much memory.",
       "Check the brackets and the indentation at the place named; a profile nests a few levels at most."),
    _e("020", "Symbolic link",
       "A file or folder under profiles/ or content/ is a symbolic link. Links are not followed, because they "
       "could publish files from outside the repository.",
       "Replace the link with the file itself."),
    _e("021", "File name reserved by Windows",
       "The file is named like a device of Windows (CON, PRN, AUX, NUL, COM1 … COM9, LPT1 … LPT9), with any "
       "ending; Git for Windows cannot check such a file out, so members on Windows could not work with the "
       "repository.",
       "Rename the file, e.g. after the member's full name (con-systems.yml instead of con.yml)."),
    _w("001", "File not read",
       "A file in profiles/members/ is not read as a profile: its name starts with a dot, or it is not a profile "
       "at all. A profile saved under such a name would silently be missing from the site.",
       "Rename it after the member (e.g. lumera-optics.yml) if it is a profile; otherwise move it out of profiles/members/."),
    # --- 1: field values ------------------------------------------------------------------
    _e("101", "Required field missing",
       "A field every profile needs is missing or empty.",
       "Add the field named, with a value."),
    _e("102", "Unknown field",
       "A field name is misspelt or not part of the format; the message lists the valid ones.",
       "Use the suggested name or one of the listed fields."),
    _e("103", "Fields expected",
       "This field holds other fields on indented lines, but something else was found.",
       "Write `name: value` lines, indented below the field."),
    _e("104", "List expected",
       "This field holds a list, but something else was found.",
       "Write one entry per line starting with `- `, or `[a, b]` on one line."),
    _e("105", "Empty list",
       "This list must name at least one entry.",
       "Add at least one entry."),
    _e("106", "Invalid value",
       "The value does not fit the field.",
       "Compare it with docs/profile-format.md or the template from new-member."),
    _e("107", "Wrong kind of value",
       "The field expects one value written as text, but a list, a group of fields or nothing was found.",
       "Write a single value on the field's line, as the message asks."),
    _e("108", "Text too long",
       "The text is longer than the field allows; the message names the limit.",
       "Shorten the text."),
    _e("109", "More than one line",
       "This field takes one line of text only.",
       "Join the lines into one."),
    _e("110", "Not a year",
       "A year must be four digits.",
       "Write the year as four digits, e.g. 1998."),
    _e("111", "Not a date",
       "Dates are written year-month-day (ISO 8601).",
       "Write the date as YYYY-MM-DD, e.g. 2026-03-31."),
    _e("112", "Not a country code",
       "Countries are given as two-letter ISO 3166-1 codes, not names.",
       "Use the suggested code, or the two-letter code, e.g. DE, FR, US."),
    _e("113", "Not a language code",
       "Languages are given as two-letter ISO 639-1 codes, not names.",
       "Use the suggested code, or the two-letter code, e.g. de, en, fr."),
    _e("114", "http instead of https",
       "The address uses `http://`, which is not secure; only `https://` addresses are published.",
       "Write `https://` instead of `http://`."),
    _e("115", "Address without https://",
       "A web address must start with `https://`.",
       "Put `https://` in front of the address."),
    _e("116", "Not a web address",
       "The value is not a valid `https://` web address (it has spaces, another scheme or no proper host name).",
       "Write the full address as in a browser, e.g. `https://www.example.com/`."),
    _e("117", "E-mail with mailto:",
       "E-mail addresses are written plainly; the site adds the link itself.",
       "Remove `mailto:` in front of the address."),
    _e("118", "Not an e-mail address",
       "The value is not an e-mail address, often because of a typo such as (at) for @.",
       "Write the address as it is used, e.g. info@example.com."),
    _e("119", "Not a phone number",
       "A phone number may use digits, spaces and + ( ) - / . only.",
       "Write the number alone, e.g. +49 711 555-0100."),
    _e("120", "Not an id",
       "Ids are lower-case letters, digits and single hyphens.",
       "Write the id like laser-systems."),
    _e("121", "Not a GitHub user name",
       "Maintainers are given by their GitHub user name.",
       "Write the user name as shown on the person's GitHub page, e.g. @erika-mustermann."),
    _e("122", "Not an allowed value",
       "This field takes one of a fixed set of values, listed in the message.",
       "Use the suggested value or one of the listed ones."),
    _e("123", "Not a number of years",
       "The value must be a whole number of years between 1 and 99.",
       "Write the number in digits, e.g. 2."),
    _e("124", "Texts per language expected",
       "This field holds one text per language, but plain text or something else was found.",
       "Write one indented line per language below the field, e.g. `de: …` and `en: …`."),
    _e("125", "Language entry of the wrong kind",
       "The entry for one language is not text (or not a list of texts, where a list is expected).",
       "Write the language's text (or its list) directly after the language code."),
    _e("126", "No way to get in touch",
       "The contact gives no e-mail address, phone number or contact page that the field requires.",
       "Add the contact details the message names."),
    _e("127", "Too many entries",
       "The list has more entries than the field allows; the message names the limit.",
       "Keep the most important entries."),
    _e("128", "Not a colour",
       "A colour is written as # and six hexadecimal digits.",
       "Write it like #0b5d5b (your designer or the logo file knows the value)."),
    _e("129", "Link colour too pale",
       "Links are shown in this colour on white; it is too pale to read (it needs a contrast of 4.5:1).",
       "Use a darker shade of the colour; the message suggests one."),
    _e("130", "Invisible character in a one-line field",
       "A one-line field (a name, a city, an address …) contains an invisible character: a soft hyphen, a format "
       "or tag character, a variation selector or a filler, which can make the text look like another one.",
       "Delete the character at the position named, or retype the text."),
    _e("131", "Tab in a one-line field",
       "A one-line field (a name, a city, a certification …) contains a tab character; spreadsheet programs "
       "split the open data's cells at tabs.",
       "Replace the tab with a space."),
    _e("132", "Entry repeated in a list",
       "A list of ids, countries or languages names the same entry twice; every entry counts once.",
       "Delete the repeated entry on the line named."),
    _e("133", "Web address read differently by browsers",
       "The address is not one a browser reads as written: it contains a backslash (which browsers read as /), "
       "a user name before '@', an IP address, a port that is no number from 1 to 65535, a host name that is no "
       "valid internet name (a part starting or ending with a hyphen, an empty part, no dot at all, a character "
       "such as _), or a host that browsers write differently (percent signs, full-width letters), so they could "
       "open another host than the one the page shows.",
       "Write the address as it appears in the browser's address bar, e.g. https://www.example.com/path."),
    _e("134", "Host name mixes scripts",
       "The host name of the address mixes letters of different scripts (for example a Cyrillic і among Latin "
       "letters), or one of its parts is written wholly in letters of another script that look like Latin ones "
       "(Cyrillic аррӏе for apple); such names imitate other addresses, and browsers show them as xn--… to warn.",
       "Retype the address with the letters of one script only; for a Latin name, use Latin letters."),
    _w("101", "Colour too pale for buttons and marks",
       "Buttons and the map's marks use this colour on white; it does not stand out (it needs a contrast of 3:1).",
       "Use a darker shade of the colour; the message suggests one."),
    _w("102", "Value an editor may rewrite as a number",
       "The value is written without quotes and looks like a number, true/false or null to the YAML reader of "
       "the browser editor (and many other tools), which would save it back changed: 07121 555010 loses its "
       "leading zero, 1e3 becomes 1000.",
       "Put the value in quotes, as the message shows: phone: \"07121555010\"."),
    _w("103", "Letters the printed atlas cannot show",
       "A text the printed competence atlas shows (a name, city, summary, description, certification, contact or "
       "taxonomy label) holds characters its fonts have no letters for, such as Arabic, Thai or Devanagari script, a "
       "kanji or hanzi beyond the common ones, or emoji (the fonts draw Latin, Greek and Cyrillic letters, kana, the "
       "common kanji and hanzi, and Hangul). The web pages show them; the atlas would print gaps or empty boxes in "
       "their place.",
       "Nothing is wrong on the web pages. For the atlas, write the text in Latin letters too (the name as it is "
       "spelled in Latin letters beside it, for instance), or leave it and accept the gaps in print."),
    # --- 2: references between files, translations ---------------------------------------
    _e("201", "Unknown id",
       "The competence, value-chain stage, member type, label scheme or competence group "
       "is not in the cluster's list in profiles/taxonomy.yml.",
       "Use the suggested id, or one from profiles/taxonomy.yml; ask the cluster management for a new one."),
    _e("202", "Language the site does not have",
       "A translation is given for a language the site is not published in.",
       "Use one of the site languages named in the message, or remove the translation."),
    _e("203", "Default language missing",
       "The text in the site's default language is required; other languages fall back to it.",
       "Add the text in the default language named in the message."),
    _e("204", "Taxonomy label not translated",
       "Labels in profiles/taxonomy.yml are shown on every page, so every site language needs one.",
       "Add the label in the language named."),
    _e("205", "Name already used",
       "Two members have the same name, or names that look the same (ignoring upper and lower case, and letters "
       "of other scripts that look alike, such as a Cyrillic с for a Latin c), so visitors could not tell them apart.",
       "Give each member its own name, e.g. with its legal form or city."),
    _e("206", "Note for a market not listed",
       "A market note is about a country the member does not list under markets.",
       "Add the country to markets, or remove the note."),
    _e("209", "Two notes for one market",
       "A member has written more than one market note for the same country.",
       "Keep one note per country; merge the texts."),
    _e("207", "Country note for an unknown country",
       "A file in a content folder's countries/ subfolder is not named after an ISO 3166-1 country code.",
       "Name it after the country's two-letter code in lower case, e.g. content/en/countries/fr.md."),
    _e("208", "Country note in a language the site does not have",
       "A country note lies in a content folder whose language is not one of the site's languages.",
       "Move it to the folder of a site language, e.g. content/en/countries/fr.md."),
    _w("201", "Translation missing",
       "The text has no translation into a site language; that page shows the default language instead.",
       "Optional: add the translation."),
    # --- 3: labels and dates --------------------------------------------------------------
    _e("301", "Label expires before it is awarded",
       "A label's valid_until date is before its awarded date.",
       "Check both dates against the certificate."),
    _e("302", "Activity ends before it starts",
       "An activity's end date is before its start date.",
       "Check both dates."),
    _e("303", "Request ends before it starts",
       "A member's seeks has an until date before its since date, so the cooperation board would never show it.",
       "Check both dates under seeks in the member's profile; leave out until for a request without an end."),
    _w("301", "Label expiring",
       "A label runs out within 90 days of the build date.",
       "Plan the renewal; after renewal, add the new label with its dates."),
    _w("302", "Label expired",
       "A label has run out and no newer label of the same issuer replaces it; the site shows it only as history.",
       "Renew the label and add it with its new dates, or leave it as history."),
    _w("303", "Label cannot be verified",
       "A label that is valid on the build date has neither a certificate_url of its own nor a verify_url "
       "of its scheme in the taxonomy, so a partner cannot check it in one click.",
       "Add the certificate's address as certificate_url to the label in profiles/cluster.yml, "
       "or the issuer's public verification page as verify_url to the scheme in profiles/taxonomy.yml."),
    _w("304", "Request expiring",
       "A member's request for partners (seeks) runs out within 30 days of the build date; after its until date the cooperation board no longer shows it.",
       "If the member still looks for partners, move until to a later date in its profile; otherwise let it run out."),
    # --- 4: logos -------------------------------------------------------------------------
    _e("401", "Logo outside profiles/",
       "The logo path points outside the profiles/ folder.",
       "Put the logo into profiles/logos/ and write the path like logos/your-slug.svg."),
    _e("402", "Logo not found",
       "There is no file at the logo path.",
       "Upload the logo to profiles/logos/, or correct the path (upper and lower case count)."),
    _e("403", "Logo format not allowed",
       "Logos must be SVG or PNG files.",
       "Save the logo as SVG (best) or PNG."),
    _e("404", "Logo too large",
       "The logo file is larger than allowed (SVG 200 KiB, PNG 500 KiB).",
       "Export it smaller: fewer pixels for a PNG, simplified shapes for an SVG."),
    _e("405", "Not a PNG image",
       "The file ends in .png but holds another kind of image.",
       "Export the logo as a real PNG (or SVG) instead of renaming the file."),
    _e("406", "SVG not well-formed",
       "The SVG file is broken and cannot be read as XML.",
       "Export the logo again from the graphics program."),
    _e("407", "Not an SVG image",
       "The file ends in .svg but contains no SVG image.",
       "Export the logo again as SVG."),
    _e("408", "Forbidden SVG element",
       "The SVG contains a script, an embedded image, web content or media, which could run code or load other files.",
       "Export the logo as plain shapes, e.g. as \"plain SVG\" with scripts and embedded images turned off."),
    _e("409", "SVG animation changes a link or script",
       "An SVG animation sets a link or an event handler, which could run code.",
       "Remove the animation; logos are still images."),
    _e("410", "SVG event attribute",
       "An attribute such as onload or onclick would run code when the logo is shown.",
       "Export the logo again without scripts."),
    _e("411", "External reference in SVG",
       "The logo refers to another file or web address; a logo may only refer to its own parts ('#id').",
       "Embed everything the logo needs, or export it again as plain SVG."),
    _e("412", "DOCTYPE in SVG",
       "A DOCTYPE line can declare entities that read other files.",
       "Remove the `<!DOCTYPE …>` line."),
    _e("413", "Entity declaration in SVG",
       "An entity declaration can read other files or blow up the file's size.",
       "Remove the `<!ENTITY …>` declarations."),
    _e("414", "Processing instruction in SVG",
       "A line starting with `<?` (other than the XML declaration `<?xml …?>`) gives instructions to programs.",
       "Remove the `<?…?>` line."),
    _e("415", "Logo path not allowed",
       "A logo path is `logos/` and a file name of lower-case letters, digits and hyphens ending in .svg or .png: "
       "no subfolder, no spaces, no wildcard characters such as `*`, `?` or `[`.",
       "Rename the file in profiles/logos/ and write the path like logos/your-slug.svg."),
    _e("416", "Logo not named after the member",
       "A member's logo is named after the member's profile file, so that it is clearly theirs: the profile "
       "profiles/members/lumera-optics.yml has the logo logos/lumera-optics.svg or logos/lumera-optics.png.",
       "Rename the logo file to the name the message gives and write that path."),
    _e("417", "Logo too large in pixels",
       "The PNG logo is wider or higher than 4096 pixels; it would take too much memory to show and convert.",
       "Export it smaller (a few hundred pixels are enough), or as SVG."),
    _e("418", "SVG encoding not supported",
       "The SVG declares a text encoding other than UTF-8 (such as Shift_JIS or UTF-16), which browsers and the "
       "checker might read differently.",
       "Save the logo as UTF-8, e.g. export it again as plain SVG."),
    _e("419", "SVG filter too costly",
       "The logo uses a filter effect with a value beyond what a logo needs (numOctaves, stdDeviation, radius, "
       "scale or a kernel's order, judged at the size the site draws it; a tall logo allows less), a filter with "
       "too many effects, or too many filtered shapes once every <use> copy is counted; drawing it would take "
       "minutes or gigabytes.",
       "Export the logo without the effect, or with the smaller value the message names; a flat logo draws "
       "fastest everywhere."),
    _e("420", "SVG too complex",
       "The logo has too many elements once every copy (<use>, markers, patterns) is counted, copies inside "
       "copies too many levels deep, a copy that refers to an element containing it (a loop), or elements "
       "nested too deeply.",
       "Export the logo again with the copies turned into plain shapes, or simplify it."),
    _e("421", "SVG size not usable",
       "The logo's width, height or viewBox is zero, negative, unreadable or too large, or the drawing is more "
       "than 20 times as wide as tall or more than 5 times as tall as wide.",
       "Give the <svg> element a viewBox with a positive width and height, e.g. viewBox=\"0 0 200 80\"."),
    _w("401", "Logo could not be drawn",
       "The build draws every logo (for link previews, favicons and the page layout) in a separate process with "
       "a time and a memory limit; this logo took longer or more memory than any logo may, or the drawing "
       "program failed on it. The site was built without the logo: a member is shown with initials, the "
       "cluster with its name and lettered favicons.",
       "Export the logo again as a simpler SVG (without filter effects and copies) or as a PNG."),
    # --- 5: Markdown ----------------------------------------------------------------------
    _e("501", "Heading in a description",
       "Headings (`#`) would compete with the page's own headings.",
       "Use `**bold**` text instead."),
    _e("502", "Quote in a description",
       "Quoted blocks (`>`) are not part of the allowed Markdown.",
       "Write the text as a normal paragraph."),
    _e("503", "Indented code block",
       "A paragraph indented by four spaces becomes a code block.",
       "Remove the spaces at the start of the lines."),
    _e("504", "Code block in a description",
       "Code blocks between lines of three backticks are not part of the allowed Markdown.",
       "Write the text as a normal paragraph."),
    _e("505", "Horizontal rule in a description",
       "A line of `---` draws a rule, which is not part of the allowed Markdown.",
       "Remove the line; use an empty line between paragraphs."),
    _e("506", "Raw HTML in a description",
       "HTML tags (words in angle brackets, such as a script tag) are not allowed in texts.",
       "Use Markdown: `*italic*`, `**bold**`, lists and `[links](https://…)`."),
    _e("507", "Table in a description",
       "Tables are not part of the allowed Markdown.",
       "Write the content as a list."),
    _e("508", "Image in a description",
       "Images cannot be embedded in texts.",
       "Remove the image; your logo is shown on your page."),
    _e("509", "Code in a description",
       "Text in backticks is shown as code, which is not part of the allowed Markdown.",
       "Remove the backticks."),
    _e("510", "Attribute list in a description",
       "Attribute lists (`{: …}`) would change the page's markup.",
       "Remove the braces and what is inside them."),
    _e("511", "Link target not allowed",
       "Links may only lead to `https://` addresses that browsers read as written (no backslash, user name, odd "
       "host or port, no letters of two scripts in the host: see CF-E133 and CF-E134) or to `mailto:` e-mail "
       "addresses.",
       "Write the link as `[text](https://…)`."),
    _e("512", "Invisible character written as a reference",
       "A character reference such as `&#x202E;`, `&#8203;` or `&ZeroWidthSpace;` puts an invisible control, "
       "direction or zero-width character into the text.",
       "Delete the reference."),
    # --- 6: mkdocs.yml --------------------------------------------------------------------
    _e("601", "No mkdocs.yml",
       "The command was run outside the site's repository, or mkdocs.yml is missing.",
       "Run the command in the repository's top folder."),
    _e("602", "Site languages missing",
       "mkdocs.yml does not list the site languages under `extra:` → `languages:`.",
       "Add them, default language first, e.g. `languages: [de, en, fr]`."),
    _e("603", "Site language is not a language code",
       "A site language is not a two-letter ISO 639-1 code.",
       "Write the lower-case two-letter code, e.g. de."),
    _e("604", "No locale data for a language",
       "The tool has no dates, names and number formats for this language.",
       "Choose another language, or ask the developers to add it."),
    _e("605", "Site language listed twice",
       "The same language appears twice in `languages:`.",
       "Remove the second one."),
    _e("606", "fallback_languages is not a list",
       "`fallback_languages:` must be a list of language codes.",
       "Write it like `fallback_languages: [fr]`."),
    _e("607", "Unknown fallback language",
       "A fallback language is not one of the site's other languages.",
       "Use one of the languages listed in the message, or remove it."),
    _e("608", "Managers not given as GitHub users or teams",
       "`managers:` must list GitHub users or teams, each starting with `@`.",
       "Write them like `[\"@example-cluster/managers\"]`."),
    _e("609", "site_url is not a web address",
       "`site_url:` must be the full address the site is served from.",
       "Write it like `https://cluster.example.org/`."),
    _e("610", "page_size is not a number of cards",
       "extra.page_size in mkdocs.yml must be a whole number of member cards per listing page, between 2 and 500.",
       "Write e.g. page_size: 48, or leave it out."),
    _e("611", "rows_per_page is not a number of members",
       "extra.rows_per_page in mkdocs.yml must be a whole number of members per page of a compact list (a competence, stage, "
       "type, value-chain cell or country list), between 2 and 1000; it defaults to eight times page_size.",
       "Write e.g. rows_per_page: 384, or leave it out."),
    _e("612", "Unknown message language",
       "`extra.messages_language` in mkdocs.yml names a language clusterfolio's messages are not written in.",
       "Write de, en or fr, or leave it out (then the messages follow the environment, else English)."),
    _e("613", "International language is not a site language",
       "`extra.international_language` in mkdocs.yml names a language the site is not built in; it is where "
       "visitors whose browser asks for none of the site's languages land, and the pages' x-default.",
       "Write one of the languages listed under `languages:`, e.g. en, or leave it out (then English where "
       "the site has it, else the default language)."),
    _e("614", "Theme template error",
       "A template of the site's theme (the cluster's own theme/ folder, or clusterfolio's) could not be read or "
       "failed while a page was made, so the site was not built.",
       "Open the template at the line named and correct it; if it is clusterfolio's own, update the tool."),
    _e("615", "Browser editor settings not valid",
       "A setting under `extra.cms` in mkdocs.yml (the browser editor's repository, branch or sign-in) is not "
       "of the form the editor needs, or is not one the editor reads (a misspelt key), so the editor would open the wrong "
       "repository or branch, or none.",
       "Write it as the message shows, e.g. `repo: your-org/your-cluster`; correct a misspelt key, or leave it out."),
    _e("616", "No portal.yml",
       "`clusterfolio portal` was run in a folder without portal.yml, the file that lists the clusters a portal harvests.",
       "Run the command in the portal's repository, or pass it with --root."),
    _e("617", "portal.yml setting not valid",
       "A field of portal.yml (the portal's name, languages, stale_days, or a cluster's url, path or key) is missing, "
       "unknown or not of the form the harvest needs, so no cluster was harvested.",
       "Correct the field the message names; a cluster has either `url:` (https://) or `path:` (a folder holding its built site)."),
    _w("605", "No site_url: no open data catalogue",
       "mkdocs.yml has no `site_url:`. The DCAT-AP catalogue that data portals harvest (/data/catalog.ttl) names "
       "every file by its full address, so the site is built without it.",
       "Write the address the site is served from, e.g. `site_url: https://cluster.example.org/`."),
    _w("606", "Atlas left out: more than 1,000 members",
       "The competence atlas prints a page per member; past 1,000 members the build writes no atlas (it would take "
       "minutes per language and be too thick to hand out) and the pages link none.",
       "Print a partial atlas for a fair or a trip: `clusterfolio atlas --competence ID` (the members with one "
       "competence) or `clusterfolio atlas --country CC` (the members located in one country)."),
    _w("601", "Warning from mkdocs",
       "mkdocs, which renders the site, warned while building it, e.g. about a link in a hand-written page "
       "to a file that does not exist.",
       "Correct what the message names; `--strict` fails the build on this warning."),
    # --- 7: repository and review ---------------------------------------------------------
    _w("701", "CODEOWNERS out of date",
       ".github/CODEOWNERS no longer matches the members' maintainers, so reviews go to the wrong people.",
       "Run: python build.py codeowners, and commit the result."),
    _w("702", "Several member profiles in one change",
       "A pull request edits more than one member's profile; a member edits only their own.",
       "Split the change, or have a manager review it."),
    _w("703", "File outside the member's profile changed",
       "A pull request by someone who is not a manager changes a file other than the author's own profile and "
       "its logo (cluster files, pages, theme, workflows, another member's files …).",
       "Change only your own profile and logo; a manager reviews anything else."),
    _w("704", "Author is not a maintainer",
       "The pull request's author is not listed under the profile's maintainers on the branch the change goes "
       "into (the maintainers are read from there, never from the change itself).",
       "Nothing is wrong if you are adding yourself to maintainers: a manager (or a current maintainer) approves "
       "that once, and later changes are yours. Otherwise ask a maintainer of the profile or a manager to approve it."),
    _w("705", "Symbolic link in the change",
       "The change adds or changes a symbolic link, which could make the build read or publish a file from "
       "outside the repository.",
       "Replace the link with the file itself; a manager should look at where it points."),
    _w("706", "Text still to be completed",
       "A page or profile still holds a passage the scaffold of `clusterfolio new` left to complete "
       "(\"Zu ergänzen: …\", \"To complete: …\", \"À compléter : …\"), such as the imprint's legal details.",
       "Write the real text in its place and delete the marker; `check --release`, which the release workflow runs, refuses it."),
    _w("707", "Example address",
       "An address or e-mail under example.org, example.com, example.net or a .example name is still in the "
       "cluster's files: a placeholder of the scaffold, which no partner can reach.",
       "Replace it with the cluster's own address; `check --release` refuses it."),
    _w("708", "No managers named",
       "mkdocs.yml names no managers (`extra.managers`): no one owns the cluster's files in CODEOWNERS, and "
       "reminders mention no one.",
       "List the managers' GitHub users or team, e.g. managers: [\"@your-org/managers\"], then run codeowners."),
    _w("709", "Imprint without postal address",
       "The imprint takes the cluster's address from profiles/cluster.yml (`{{ contact }}`), but street, postal code "
       "or city is missing there; most countries require a postal address in a website's imprint.",
       "Add contact.street, contact.postal_code and contact.city to profiles/cluster.yml."),
)

CODES: dict[str, Code] = {c.code: c for c in _REGISTRY}

# Codes of checks that were removed: listed so their numbers are never given out again.
RETIRED: frozenset[str] = frozenset()

if len(CODES) != len(_REGISTRY) or not all(CODE_RE.fullmatch(c) for c in CODES) or RETIRED & CODES.keys():
    raise RuntimeError("codes.py: every code must be unique, well-formed and not retired")


def localized(code: str, lang: str) -> Code:
    """A code with its title, meaning and fix in a language (the problems catalogs)."""
    from .messages import translate

    entry = lookup(code)
    return Code(entry.code, entry.severity, translate(entry.title, lang), translate(entry.meaning, lang), translate(entry.fix, lang))


def title(code: str, lang: str = "en") -> str:
    """A code's title as part of a sentence: "duplicate field"."""
    text = localized(code, lang).title
    # German nouns keep their capital letter; English and French titles start a sentence only.
    return text if lang == "de" else text[:1].lower() + text[1:]


def lookup(code: str) -> Code:
    """Return the registered code; ValueError for one that is not registered."""
    try:
        return CODES[code]
    except KeyError:
        raise ValueError(f"unknown problem code {code!r}; register it in clusterfolio/codes.py") from None


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# Pages that explain the codes, one per language: docs/problem-codes.md (English) and
# docs/problem-codes.<lang>.md; each code is a heading of its own, so `#cf-e201` leads to it.
DOC_LANGUAGES = ("en", "de", "fr")


def doc_path(lang: str) -> str:
    return "docs/problem-codes.md" if lang == DEFAULT else f"docs/problem-codes.{lang}.md"


_SEVERITY = {"error": M("error"), "warning": M("warning")}


# Where each code is explained, in each language (docs/problem-codes*.md, generated from codes.py).
_SOURCE = "https://github.com/clusterfolio/clusterfolio"


@cache
def _source() -> str:
    """The tool's source repository, from its metadata's project URLs."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("clusterfolio").get_all("Project-URL") or []
    except PackageNotFoundError:
        return _SOURCE
    return next((url.split(",", 1)[1].strip() for url in urls if url.split(",", 1)[0].strip().lower() == "source"), _SOURCE)


def help_url(code: str, lang: str = DEFAULT) -> str:
    """The page that says what a code means and what to do, in a language (the code's own section)."""
    page = doc_path(lang).removeprefix("docs/")
    return f"{_source()}/blob/main/docs/{page}#{code.lower()}"



def document(lang: str = DEFAULT) -> str:
    """The text of docs/problem-codes(.lang).md: every code with what it means and what to do."""
    parts = [
        "# " + M("Problem codes").render(lang) + "\n",
        "<!-- Generated from clusterfolio/codes.py and the problems catalogs by `make codes`; do not edit by hand. -->\n",
        M("Every problem that `check`, `scope` and the reading of `mkdocs.yml` report carries a stable code, shown at the "
          "end of each line (`… [CF-E201]`), in GitHub annotations and in `--format json` (`\"code\"`). The message "
          "itself names the file, line, field and details; this page says, for each code, what it means and what to "
          "do.").render(lang) + "\n",
        "- " + M("`CF-E…` codes are errors: the site is not built until they are fixed.").render(lang) + "\n"
        "- " + M("`CF-W…` codes are warnings: the site is built, but someone should look. `--strict` turns them into "
                 "errors; they keep their `CF-W` code.").render(lang) + "\n"
        "- " + M("A code never changes its meaning once given. A message may be reworded; a new kind of problem gets "
                 "a new code; the code of a check that is removed is not given out again.").render(lang) + "\n",
        M("In other languages: {links}", links=" · ".join(
            f"[{other}]({doc_path(other).removeprefix('docs/')})" for other in DOC_LANGUAGES if other != lang)).render(lang) + "\n",
    ]
    for digit, name in GROUPS.items():
        members = sorted((c for c in CODES.values() if c.group == digit), key=lambda c: (c.severity != "error", c.code))
        parts.append(f"## {name.render(lang)}\n")
        for entry in members:
            local = localized(entry.code, lang)
            parts.append(f"### {entry.code}\n")
            parts.append(f"**{local.title}** ({_SEVERITY[entry.severity].render(lang)})\n")
            parts.append(f"{local.meaning}\n")
            parts.append(M("What to do: {fix}", fix=local.fix).render(lang) + "\n")
    return "\n".join(parts)


# The codes a member meets most, in the members' guide (CONTRIBUTING.md, its German and English
# halves): generated from the registry, so they cannot drift from it.
MEMBER_CODES = (
    "CF-E201", "CF-E102", "CF-E101", "CF-E107", "CF-E004", "CF-E115", "CF-E114", "CF-E116", "CF-E118", "CF-E119", "CF-E112",
    "CF-E108", "CF-E132", "CF-E013", "CF-E130", "CF-E404", "CF-E416", "CF-W201", "CF-W102", "CF-W702", "CF-W703", "CF-W704",
)


def member_table(lang: str, link: Callable[[str, str], str]) -> str:
    """The members' table of their most frequent codes in a language: code (linked to its page), meaning, what to do."""
    rows = ["| " + " | ".join(h.render(lang) for h in (M("code"), M("meaning"), M("what to do"))) + " |", "|---|---|---|"]
    for code in MEMBER_CODES:
        local = localized(code, lang)
        rows.append(f"| [`{code}`]({link(code, lang)}) | {_cell(local.meaning)} | {_cell(local.fix)} |")
    return "\n".join(rows) + "\n"


_BLOCK = re.compile(r"(<!-- codes:(\w+) -->\n).*?(<!-- /codes -->)", re.S)


def with_member_tables(text: str, link: Callable[[str, str], str]) -> str:
    """A guide with every `<!-- codes:LANG -->` … `<!-- /codes -->` block filled with that language's table."""
    return _BLOCK.sub(lambda m: m.group(1) + member_table(m.group(2), link) + m.group(3), text)


def write_documents(root: Path) -> list[Path]:
    """`make codes`: the code pages in every language, and the tables of the members' guide."""
    written = []
    for lang in DOC_LANGUAGES:
        path = root / doc_path(lang)
        path.write_text(document(lang), encoding="utf-8")
        written.append(path)
    guide = root / "CONTRIBUTING.md"
    if guide.is_file():
        guide.write_text(with_member_tables(guide.read_text(encoding="utf-8"), help_url), encoding="utf-8")
        written.append(guide)
    return written
