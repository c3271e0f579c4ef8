//! `offersite init DIR`: a new bilingual site that builds and passes
//! `check` as it is, with one of everything to copy from, and the JSON
//! Schemas its YAML files point their editors at.
//!
//! Exit status: 0 created; 1 when DIR is not empty or cannot be written.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::schema;

/// The skeleton's files: (path under DIR, text). YAML files get the
/// schema line in front when written.
const FILES: &[(&str, &str)] = &[
    (
        "content/site.yaml",
        r"base_url: https://offers.example.com
languages:                      # the first is the default
  - {code: zh, locale: zh-Hans, name: 中文}
  - {code: en, locale: en, name: English}
title: {zh: 全球旅行卡海外优惠, en: Global Travel Card Overseas Offers}
description: {zh: 持卡出境购物、游玩、住宿的专属优惠。, en: Exclusive offers for cardholders travelling abroad.}
",
    ),
    (
        "content/categories.yaml",
        "- {id: shopping, name: {zh: 购物, en: Shopping}}\n",
    ),
    (
        "content/destinations.yaml",
        "- {id: new-york, name: {zh: 纽约, en: New York}, country: US}\n",
    ),
    (
        "content/branches.yaml",
        r#"- id: nanjing
  city: {zh: 南京, en: Nanjing}
  province: {zh: 江苏, en: Jiangsu}
  name: {zh: 南京分社, en: Nanjing Branch}
  address: {zh: 南京市示例路1号, en: "1 Sample Road, Nanjing"}
  hours: {zh: 周一至周六 9:00–18:00, en: "Mon–Sat 9:00–18:00"}
  phone: "+86 25 0000 0000"
"#,
    ),
    (
        "content/partners/example-store.yaml",
        r"name: {zh: 示例百货, en: Example Store}
website: https://www.example.com
about:
  zh: 纽约市中心的百货商店。
  en: A department store in the heart of New York.
",
    ),
    (
        "content/offers/example-store-welcome.yaml",
        r"partner: example-store
category: shopping
title: {zh: 示例百货九折, en: 10% off at Example Store}
summary: {zh: 用手机支付即享九折。, en: Pay by phone and save 10%.}
body:
  zh: |
    结账时出示应用内的优惠码。
  en: |
    Show the code in the app at the till.
discount: {percent: 10}
coupon_code: GTC-EXAMPLE-10
valid_from: 2026-01-01
valid_until: 2099-12-31
destinations: [new-york]
terms: [using-the-card]
featured: true
",
    ),
    (
        "content/terms/using-the-card.zh.md",
        "---\ntitle: 用卡须知\nsummary: 使用旅行卡支付时请注意的事项。\nweight: 10\n---\n在支持手机支付的商户结账时出示付款码即可。\n",
    ),
    (
        "content/terms/using-the-card.en.md",
        "---\ntitle: Using the card\nsummary: What to know when you pay with the travel card.\nweight: 10\n---\nShow the payment code at any merchant that takes mobile payment.\n",
    ),
    (
        "content/pages/about.zh.md",
        "---\ntitle: 关于本站\nsummary: 持卡人海外优惠目录。\n---\n本站列出旅行卡持卡人在海外可享的优惠。\n",
    ),
    (
        "content/pages/about.en.md",
        "---\ntitle: About\nsummary: The cardholders' catalog of overseas offers.\n---\nThis site lists the offers cardholders enjoy abroad.\n",
    ),
    (".gitignore", "/public/\n"),
];

/// The skeleton's files with their final text.
pub fn files() -> Vec<(&'static str, String)> {
    FILES
        .iter()
        .map(|(rel, text)| {
            let head = schema::modeline(rel).unwrap_or_default();
            (*rel, format!("{head}{text}"))
        })
        .collect()
}

pub fn run(dir: &Path) -> ExitCode {
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if occupied {
        eprintln!("error: {} exists and is not empty", dir.display());
        eprintln!("  = hint: name a new directory: `offersite init my-site`");
        return ExitCode::from(1);
    }
    if let Err(err) = write(dir) {
        eprintln!("error: cannot create the site in {}: {err}", dir.display());
        return ExitCode::from(1);
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "created a bilingual site in {}", dir.display());
    let _ = writeln!(
        out,
        "next: cd {} && offersite serve    (then edit content/; `offersite new offer ID` adds an offer)",
        dir.display()
    );
    ExitCode::SUCCESS
}

fn write(dir: &Path) -> std::io::Result<()> {
    for (rel, text) in files() {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    std::fs::create_dir_all(dir.join("content/media"))?;
    schema::write(dir, &dir.join(schema::DEFAULT_DIR))?;
    Ok(())
}
