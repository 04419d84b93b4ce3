#pragma once
// The stylesheet and the script every HTML report carries inline (html_page.cpp), and the hash
// of the script for the page's Content Security Policy.
namespace tally::report {

const char* html_style();
// The part of html_style() that draws a PDF's pages and their findings' boxes (.pdfpages, .sheet,
// .box), which `tally serve` serves to its page as /pdf-pages.css.
const char* html_pdf_style();
const char* html_script();
// "sha256-BASE64" of html_script()'s bytes; after changing the script:
//   build/tally check --format html samples/zh-lines.txt | python3 scripts/html_script_hash.py
const char* html_script_hash();

}  // namespace tally::report
