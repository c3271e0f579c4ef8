//! Synthetic catalog generator for benchmarks (issue 5).
//!
//! ```text
//! cargo run --release --example gen_catalog -- N DIR [HUGO_DIR]
//! ```
//!
//! Writes a realistic offersite site of `N` offers to `DIR/content/` (the
//! layout of PRODUCT.md: site.yaml, 8 categories, 60 destinations, 15 branches,
//! 50 partners, 4 terms, an about page and N offers with ~150-word Markdown
//! bodies per language) and an equivalent multilingual Hugo site to
//! `HUGO_DIR` (default: `DIR-hugo`, a sibling of `DIR`; `-` skips it) with the
//! same pages in both languages at the same URLs and similar HTML per page.
//! An existing `DIR/content` or Hugo twin from an earlier run is replaced;
//! anything else that exists there is left alone (or refused).
//!
//! Output is deterministic: a tiny built-in PRNG seeded by a constant, and the
//! offer with index `i` depends only on `i`, so a catalog of 1,000 offers is a
//! prefix of one of 10,000. Offer status is laid out around the benchmark
//! date 2026-11-26 (mostly active, ~10% ended, ~10% upcoming).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The build date the benchmarks pass as `--now`.
const NOW: (i64, u32, u32) = (2026, 11, 26);
const SEED: u64 = 0x6f66_6665_7273_6974; // "offersit"

// ---------------------------------------------------------------------------
// PRNG and dates
// ---------------------------------------------------------------------------

/// SplitMix64: tiny, fast, good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// `k` distinct indices of `0..n`, in the order drawn.
    fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(k);
        while out.len() < k.min(n) {
            let i = self.below(n);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

fn iso(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

// ---------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------

struct Category {
    id: &'static str,
    zh: &'static str,
    en: &'static str,
}

const CATEGORIES: [Category; 8] = [
    Category {
        id: "shopping",
        zh: "购物",
        en: "Shopping",
    },
    Category {
        id: "dining",
        zh: "餐饮",
        en: "Dining",
    },
    Category {
        id: "hotels",
        zh: "酒店住宿",
        en: "Hotels",
    },
    Category {
        id: "attractions",
        zh: "景点门票",
        en: "Attractions",
    },
    Category {
        id: "transport",
        zh: "交通出行",
        en: "Transport",
    },
    Category {
        id: "duty-free",
        zh: "免税购物",
        en: "Duty Free",
    },
    Category {
        id: "entertainment",
        zh: "娱乐演出",
        en: "Entertainment",
    },
    Category {
        id: "wellness",
        zh: "健康美容",
        en: "Wellness",
    },
];

/// (id, zh, en, country)
const DESTINATIONS: [(&str, &str, &str, &str); 60] = [
    ("new-york", "纽约", "New York", "US"),
    ("los-angeles", "洛杉矶", "Los Angeles", "US"),
    ("san-francisco", "旧金山", "San Francisco", "US"),
    ("las-vegas", "拉斯维加斯", "Las Vegas", "US"),
    ("seattle", "西雅图", "Seattle", "US"),
    ("chicago", "芝加哥", "Chicago", "US"),
    ("boston", "波士顿", "Boston", "US"),
    ("washington", "华盛顿", "Washington", "US"),
    ("miami", "迈阿密", "Miami", "US"),
    ("orlando", "奥兰多", "Orlando", "US"),
    ("honolulu", "檀香山", "Honolulu", "US"),
    ("san-diego", "圣地亚哥", "San Diego", "US"),
    ("houston", "休斯敦", "Houston", "US"),
    ("philadelphia", "费城", "Philadelphia", "US"),
    ("atlanta", "亚特兰大", "Atlanta", "US"),
    ("london", "伦敦", "London", "GB"),
    ("paris", "巴黎", "Paris", "FR"),
    ("rome", "罗马", "Rome", "IT"),
    ("milan", "米兰", "Milan", "IT"),
    ("barcelona", "巴塞罗那", "Barcelona", "ES"),
    ("madrid", "马德里", "Madrid", "ES"),
    ("lisbon", "里斯本", "Lisbon", "PT"),
    ("berlin", "柏林", "Berlin", "DE"),
    ("munich", "慕尼黑", "Munich", "DE"),
    ("frankfurt", "法兰克福", "Frankfurt", "DE"),
    ("amsterdam", "阿姆斯特丹", "Amsterdam", "NL"),
    ("zurich", "苏黎世", "Zurich", "CH"),
    ("geneva", "日内瓦", "Geneva", "CH"),
    ("vienna", "维也纳", "Vienna", "AT"),
    ("prague", "布拉格", "Prague", "CZ"),
    ("istanbul", "伊斯坦布尔", "Istanbul", "TR"),
    ("dubai", "迪拜", "Dubai", "AE"),
    ("cairo", "开罗", "Cairo", "EG"),
    ("cape-town", "开普敦", "Cape Town", "ZA"),
    ("moscow", "莫斯科", "Moscow", "RU"),
    ("tokyo", "东京", "Tokyo", "JP"),
    ("osaka", "大阪", "Osaka", "JP"),
    ("kyoto", "京都", "Kyoto", "JP"),
    ("sapporo", "札幌", "Sapporo", "JP"),
    ("seoul", "首尔", "Seoul", "KR"),
    ("busan", "釜山", "Busan", "KR"),
    ("jeju", "济州", "Jeju", "KR"),
    ("bangkok", "曼谷", "Bangkok", "TH"),
    ("phuket", "普吉", "Phuket", "TH"),
    ("chiang-mai", "清迈", "Chiang Mai", "TH"),
    ("singapore", "新加坡", "Singapore", "SG"),
    ("kuala-lumpur", "吉隆坡", "Kuala Lumpur", "MY"),
    ("bali", "巴厘岛", "Bali", "ID"),
    ("hanoi", "河内", "Hanoi", "VN"),
    ("ho-chi-minh-city", "胡志明市", "Ho Chi Minh City", "VN"),
    ("manila", "马尼拉", "Manila", "PH"),
    ("maldives", "马尔代夫", "Maldives", "MV"),
    ("sydney", "悉尼", "Sydney", "AU"),
    ("melbourne", "墨尔本", "Melbourne", "AU"),
    ("gold-coast", "黄金海岸", "Gold Coast", "AU"),
    ("auckland", "奥克兰", "Auckland", "NZ"),
    ("queenstown", "皇后镇", "Queenstown", "NZ"),
    ("vancouver", "温哥华", "Vancouver", "CA"),
    ("toronto", "多伦多", "Toronto", "CA"),
    ("montreal", "蒙特利尔", "Montreal", "CA"),
];

/// (id, city zh, city en, province zh, province en, district zh, district en, area code)
type BranchRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const BRANCHES: [BranchRow; 15] = [
    (
        "beijing",
        "北京",
        "Beijing",
        "北京",
        "Beijing",
        "朝阳区",
        "Chaoyang District",
        "10",
    ),
    (
        "shanghai",
        "上海",
        "Shanghai",
        "上海",
        "Shanghai",
        "黄浦区",
        "Huangpu District",
        "21",
    ),
    (
        "guangzhou",
        "广州",
        "Guangzhou",
        "广东",
        "Guangdong",
        "天河区",
        "Tianhe District",
        "20",
    ),
    (
        "shenzhen",
        "深圳",
        "Shenzhen",
        "广东",
        "Guangdong",
        "福田区",
        "Futian District",
        "755",
    ),
    (
        "nanjing",
        "南京",
        "Nanjing",
        "江苏",
        "Jiangsu",
        "玄武区",
        "Xuanwu District",
        "25",
    ),
    (
        "suzhou",
        "苏州",
        "Suzhou",
        "江苏",
        "Jiangsu",
        "姑苏区",
        "Gusu District",
        "512",
    ),
    (
        "hangzhou",
        "杭州",
        "Hangzhou",
        "浙江",
        "Zhejiang",
        "西湖区",
        "Xihu District",
        "571",
    ),
    (
        "chengdu",
        "成都",
        "Chengdu",
        "四川",
        "Sichuan",
        "锦江区",
        "Jinjiang District",
        "28",
    ),
    (
        "chongqing",
        "重庆",
        "Chongqing",
        "重庆",
        "Chongqing",
        "渝中区",
        "Yuzhong District",
        "23",
    ),
    (
        "wuhan",
        "武汉",
        "Wuhan",
        "湖北",
        "Hubei",
        "江汉区",
        "Jianghan District",
        "27",
    ),
    (
        "xian",
        "西安",
        "Xi'an",
        "陕西",
        "Shaanxi",
        "雁塔区",
        "Yanta District",
        "29",
    ),
    (
        "tianjin",
        "天津",
        "Tianjin",
        "天津",
        "Tianjin",
        "和平区",
        "Heping District",
        "22",
    ),
    (
        "xiamen",
        "厦门",
        "Xiamen",
        "福建",
        "Fujian",
        "思明区",
        "Siming District",
        "592",
    ),
    (
        "qingdao",
        "青岛",
        "Qingdao",
        "山东",
        "Shandong",
        "市南区",
        "Shinan District",
        "532",
    ),
    (
        "shenyang",
        "沈阳",
        "Shenyang",
        "辽宁",
        "Liaoning",
        "和平区",
        "Heping District",
        "24",
    ),
];

/// (zh, en) street names for branch addresses.
const STREETS: [(&str, &str); 8] = [
    ("中山路", "Zhongshan Road"),
    ("人民路", "Renmin Road"),
    ("解放路", "Jiefang Road"),
    ("建设路", "Jianshe Road"),
    ("长江路", "Changjiang Road"),
    ("和平大街", "Heping Avenue"),
    ("新华路", "Xinhua Road"),
    ("滨江大道", "Binjiang Avenue"),
];

/// (zh, en) partner name prefixes.
const PARTNER_PREFIX: [(&str, &str); 25] = [
    ("海港", "Harbor"),
    ("峰顶", "Summit"),
    ("太平洋", "Pacific"),
    ("金门", "Golden Gate"),
    ("枫叶", "Maple"),
    ("皇家", "Royal"),
    ("海岸", "Coastal"),
    ("银河", "Silver"),
    ("格兰德", "Grand"),
    ("蓝天", "Blue Sky"),
    ("联合", "Union"),
    ("自由", "Liberty"),
    ("常青", "Evergreen"),
    ("皇冠", "Crown"),
    ("北极星", "Northstar"),
    ("日落", "Sunset"),
    ("都会", "Metro"),
    ("阿特拉斯", "Atlas"),
    ("普莱姆", "Prime"),
    ("城市", "Urban"),
    ("地平线", "Horizon"),
    ("子午线", "Meridian"),
    ("湖畔", "Lakeside"),
    ("星辰", "Starlight"),
    ("公园大道", "Park Avenue"),
];

/// (zh, en, category index) partner name suffixes.
const PARTNER_SUFFIX: [(&str, &str, usize); 10] = [
    ("奥特莱斯", "Outlets", 0),
    ("百货", "Department Store", 0),
    ("小馆", "Bistro", 1),
    ("酒店", "Hotels", 2),
    ("旅游", "Tours", 3),
    ("水疗中心", "Spa", 7),
    ("免税店", "Duty Free", 5),
    ("影城", "Cinemas", 6),
    ("铁路", "Rail", 4),
    ("药妆", "Pharmacy", 7),
];

/// (id, zh title, en title, zh summary, en summary, weight)
const TERMS: [(&str, &str, &str, &str, &str, i64); 4] = [
    (
        "exchange-rate-lock",
        "汇率锁定",
        "Exchange rate lock",
        "付款时锁定汇率，入账金额不随汇率波动。",
        "The rate is locked when you pay, so the amount charged never moves with the market.",
        10,
    ),
    (
        "refunds",
        "退款与退货",
        "Refunds and returns",
        "退款按原币种原路退回，汇率以退款当日为准。",
        "Refunds go back to the card in the original currency at the rate of the refund day.",
        20,
    ),
    (
        "coupon-rules",
        "优惠券使用规则",
        "Coupon rules",
        "每张卡每日每项优惠限用一次，不可与其他促销同享。",
        "Each card may use each offer once a day; offers cannot be combined with other promotions.",
        30,
    ),
    (
        "privacy",
        "隐私与数据",
        "Privacy and data",
        "我们只为结算和防欺诈处理您的交易数据。",
        "We process your transaction data only to settle payments and prevent fraud.",
        40,
    ),
];

/// Body sentences, (zh, en), translations of each other. Placeholders:
/// `{p}` partner name, `{d}` destination name, `{c}` category name.
const SENTENCES: [(&str, &str); 30] = [
    (
        "在{p}收银台出示全球旅行卡，付款前即可享受折扣。",
        "Show your Global Travel Card at the till in {p} and the discount is applied before you pay.",
    ),
    (
        "这是本季前往{d}的旅客最喜爱的优惠之一。",
        "This offer is one of the most popular picks for travellers heading to {d} this season.",
    ),
    (
        "消费以当地货币结算，并按应用内显示的锁定汇率换算。",
        "Payment is settled in local currency and converted at the locked rate shown in the app.",
    ),
    (
        "无需提前登记，直接刷卡或在手机应用中扫码即可。",
        "No registration is needed: simply pay with the card or scan the code in the mobile app.",
    ),
    (
        "{p}的店员常年接待中国游客，很多人会说普通话。",
        "Staff at {p} are used to welcoming visitors from China and many of them speak Mandarin.",
    ),
    (
        "除非店员另行说明，本优惠不可与店内其他促销同时使用。",
        "The discount cannot be combined with other store promotions unless the staff say otherwise.",
    ),
    (
        "请保留好购物小票，退款将以原支付币种办理。",
        "Keep your receipt, since refunds are handled in the same currency as the original payment.",
    ),
    (
        "节假日营业时间可能调整，出发前请查看商户官网。",
        "Opening hours may change on public holidays, so check the partner's website before you go.",
    ),
    (
        "家庭出行时，每张卡每天均可使用一次本优惠。",
        "Families travelling together can each use the offer once per card per day.",
    ),
    (
        "如果您在{d}有一两天空闲，这里非常值得一去。",
        "It is a good stop for anyone exploring {d} with a day or two to spare.",
    ),
    (
        "符合条件的消费可在服务台领取退税单。",
        "Tax-free shopping forms are available at the service desk for eligible purchases.",
    ),
    (
        "货架标价已包含当地适用的销售税。",
        "Prices shown on the shelf already include the local sales tax where it applies.",
    ),
    (
        "如需纸质优惠券，可在出发前到我们的门店打印。",
        "Our branch staff can print a paper voucher for you before departure if you prefer one.",
    ),
    (
        "本优惠仅适用于{c}类消费，不含礼品卡及服务费。",
        "The offer applies to {c} purchases only and excludes gift cards and service charges.",
    ),
    (
        "出发前在官网结账时输入优惠码，也可享受同等折扣。",
        "Enter the coupon code at online checkout to get the same discount before you travel.",
    ),
    (
        "周末高峰期排队较长，建议上午前往。",
        "Queues can be long at peak weekends, so visiting in the morning is recommended.",
    ),
    (
        "店内提供免费无线网络，店员可协助您查看应用。",
        "Free Wi-Fi is available in store and the staff can help you check the app.",
    ),
    (
        "活动期间持卡消费还可获得双倍积分。",
        "Cardholders also earn double points on every purchase made during the offer period.",
    ),
    (
        "如果终端拒绝交易，请让收银员按信用卡方式重新处理。",
        "If the terminal declines the card, ask the cashier to process it as a credit payment.",
    ),
    (
        "商户支持非接触式支付，也支持芯片加密码交易。",
        "The partner accepts contactless payments as well as chip and PIN.",
    ),
    (
        "{d}的{c}选择丰富，{p}是其中口碑最好的商户之一。",
        "{d} has plenty of {c} choices, and {p} is one of the best reviewed among them.",
    ),
    (
        "优惠名额有限，先到先得，用完即止。",
        "Places are limited and handed out first come, first served until they run out.",
    ),
    (
        "每笔交易的折扣金额会实时显示在应用的账单中。",
        "The discount on each payment appears in the statement in the app straight away.",
    ),
    (
        "若遇到问题，可拨打卡背面的客服电话获得中文服务。",
        "If anything goes wrong, call the number on the back of the card for help in Chinese.",
    ),
    (
        "部分商品因品牌方限制不参加折扣，详情请咨询店员。",
        "Some brands do not take part in the discount, so ask the staff for details.",
    ),
    (
        "我们建议您提前在应用中收藏本优惠，方便到店出示。",
        "We suggest saving this offer in the app beforehand so it is easy to show in store.",
    ),
    (
        "{p}距离{d}市中心交通便利，乘坐公共交通即可到达。",
        "{p} is easy to reach from central {d} by public transport.",
    ),
    (
        "儿童和老人可能另有优惠，请以店内公告为准。",
        "Children and seniors may get extra discounts, as posted in store.",
    ),
    (
        "本优惠由{p}提供，最终解释权归商户所有。",
        "This offer is provided by {p}, whose decision on its terms is final.",
    ),
    (
        "使用前请确认卡片已开通境外支付功能。",
        "Before you use it, make sure overseas payments are switched on for your card.",
    ),
];

/// Bullet list items, (zh, en).
const BULLETS: [(&str, &str); 10] = [
    ("每张卡每天限用一次", "Once per card per day"),
    ("不可与其他优惠同享", "Not combined with other promotions"),
    ("支持手机扫码支付", "Pay by scanning the code in the app"),
    ("可开具退税单", "Tax-free forms available"),
    ("提供中文服务", "Service in Chinese available"),
    ("节假日照常营业", "Open on public holidays"),
    ("线上线下同享折扣", "Same discount online and in store"),
    (
        "消费满额赠送礼品",
        "A gift when you spend over the threshold",
    ),
    ("可提前预约", "Reservations accepted"),
    ("无最低消费要求", "No minimum spend"),
];

/// Title patterns, (zh, en). `{x}` is the discount wording.
const TITLES: [(&str, &str); 6] = [
    ("{p}{d}店持卡专享{x}", "{p} {d}: {x} for cardholders"),
    ("{d}{p}{c}优惠", "{c} deal at {p}, {d}"),
    ("{p}（{d}）限时优惠", "Limited-time offer at {p} in {d}"),
    ("{d}旅行必去：{p}", "A must in {d}: {p}"),
    ("{p}{c}特惠·{d}", "{c} special at {p} in {d}"),
    ("畅游{d}，{p}{x}", "Explore {d} with {x} at {p}"),
];

const SUMMARIES: [(&str, &str); 5] = [
    (
        "在{d}的{p}用全球旅行卡消费即享{x}。",
        "Pay with the Global Travel Card at {p} in {d} and get {x}.",
    ),
    (
        "{p}为持卡人提供{x}，适用于{c}类消费。",
        "{p} gives cardholders {x} on {c} purchases.",
    ),
    (
        "前往{d}？别错过{p}的{x}。",
        "Going to {d}? Don't miss {x} at {p}.",
    ),
    (
        "{p}独家{c}优惠：{x}。",
        "An exclusive {c} deal from {p}: {x}.",
    ),
    (
        "持卡在{p}付款，{x}，汇率锁定无忧。",
        "Pay at {p} with the card for {x}, at a locked exchange rate.",
    ),
];

/// Free-text discounts, (zh, en).
const TEXT_DISCOUNTS: [(&str, &str); 6] = [
    ("买一送一", "Buy one, get one free"),
    ("赠送欢迎饮品", "A free welcome drink"),
    ("免费升级房型", "A free room upgrade"),
    ("消费满200美元赠送礼品", "A gift with purchases over US$200"),
    ("免费寄存行李", "Free luggage storage"),
    ("第二位半价", "Second person half price"),
];

fn currency(country: &str) -> &'static str {
    match country {
        "US" => "USD",
        "GB" => "GBP",
        "FR" | "IT" | "ES" | "PT" | "DE" | "NL" | "AT" => "EUR",
        "JP" => "JPY",
        "AU" => "AUD",
        "CA" => "CAD",
        "SG" => "SGD",
        _ => "USD",
    }
}

/// (zh name, en symbol) used by the Hugo twin's templates and by titles.
fn currency_words(code: &str) -> (&'static str, &'static str) {
    match code {
        "USD" => ("美元", "US$"),
        "GBP" => ("英镑", "£"),
        "EUR" => ("欧元", "€"),
        "JPY" => ("日元", "¥"),
        "AUD" => ("澳元", "A$"),
        "CAD" => ("加元", "C$"),
        "SGD" => ("新加坡元", "S$"),
        _ => ("", ""),
    }
}

// ---------------------------------------------------------------------------
// Catalog model
// ---------------------------------------------------------------------------

struct Partner {
    id: String,
    zh: String,
    en: String,
    category: usize,
    website: String,
}

enum Discount {
    Percent(u32),
    Amount(u32, &'static str),
    Text(usize),
}

impl Discount {
    /// Short wording for titles and summaries: (zh, en).
    fn words(&self) -> (String, String) {
        match *self {
            Discount::Percent(p) => (zh_zhe(p), format!("{p}% off")),
            Discount::Amount(v, c) => {
                let (zh, sym) = currency_words(c);
                (format!("立减{v}{zh}"), format!("{sym}{v} off"))
            }
            Discount::Text(i) => (
                TEXT_DISCOUNTS[i].0.to_string(),
                TEXT_DISCOUNTS[i].1.to_lowercase(),
            ),
        }
    }
}

/// Chinese wording of a percentage discount: 15 → 八五折.
/// 折 wording from the site's own formatter, so generated titles say what
/// the badge says.
fn zh_zhe(percent: u32) -> String {
    offersite::format::zh_percent(u8::try_from(percent).unwrap_or(0))
}

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Active,
    Ended,
    Upcoming,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Ended => "ended",
            Status::Upcoming => "upcoming",
        }
    }
}

struct Offer {
    id: String,
    partner: usize,
    category: usize,
    title: (String, String),
    summary: (String, String),
    body: (String, String),
    discount: Discount,
    coupon: Option<String>,
    valid_from: i64,
    valid_until: i64,
    status: Status,
    destinations: Vec<usize>,
    terms: Vec<usize>,
    featured: bool,
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn partners() -> Vec<Partner> {
    (0..50)
        .map(|i| {
            let (pzh, pen) = PARTNER_PREFIX[i % 25];
            // i / 25 shifts the suffix so the 50 (prefix, suffix) pairs are distinct.
            let (szh, sen, category) = PARTNER_SUFFIX[(i * 3 + i / 25) % 10];
            let en = format!("{pen} {sen}");
            let id = slug(&en);
            Partner {
                website: format!("https://www.{id}.example.com"),
                id,
                zh: format!("{pzh}{szh}"),
                en,
                category,
            }
        })
        .collect()
}

fn fill(pattern: &str, p: &str, d: &str, c: &str, x: &str) -> String {
    pattern
        .replace("{p}", p)
        .replace("{d}", d)
        .replace("{c}", c)
        .replace("{x}", x)
}

/// Lower-cases the first letter of an English category for use mid-sentence.
fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn offer(i: usize, n: usize, partners: &[Partner]) -> Offer {
    let mut rng = Rng::new(SEED ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let partner = rng.below(partners.len());
    let p = &partners[partner];
    let category = p.category;
    let cat = &CATEGORIES[category];

    // 1–3 destinations, the first one is the main one.
    let k = 1 + rng.below(3);
    let destinations = rng.distinct(DESTINATIONS.len(), k);
    let d = DESTINATIONS[destinations[0]];

    let discount = match rng.below(100) {
        0..=59 => Discount::Percent(*rng.pick(&[5, 10, 12, 15, 20, 25, 30, 40])),
        60..=84 => {
            let cur = currency(d.3);
            let v = if cur == "JPY" {
                1000 * (1 + rng.below(10) as u32)
            } else {
                *rng.pick(&[5, 10, 15, 20, 25, 30, 50, 100])
            };
            Discount::Amount(v, cur)
        }
        _ => Discount::Text(rng.below(TEXT_DISCOUNTS.len())),
    };
    let (xzh, xen) = discount.words();

    // Featured: about a dozen offers whatever N, always active.
    let every = (n / 12).max(1);
    let featured = i.is_multiple_of(every) && i / every < 12;
    let now = days_from_civil(NOW.0, NOW.1, NOW.2);
    let roll = rng.below(100);
    let status = if featured || roll < 80 {
        Status::Active
    } else if roll < 90 {
        Status::Ended
    } else {
        Status::Upcoming
    };
    let (valid_from, valid_until) = match status {
        Status::Active => (now - rng.range(0, 300), now + rng.range(0, 240)),
        Status::Ended => {
            let until = now - rng.range(1, 200);
            (until - rng.range(30, 180), until)
        }
        Status::Upcoming => {
            let from = now + rng.range(1, 90);
            (from, from + rng.range(30, 180))
        }
    };

    let coupon = (rng.below(10) < 7).then(|| {
        let tag: String = p.id.split('-').next().unwrap().to_ascii_uppercase();
        format!("GTC-{tag}-{}", i + 1)
    });
    let terms = match rng.below(4) {
        0 => vec![],
        1 => vec![0],
        2 => vec![0, 2],
        _ => vec![2 + rng.below(2)],
    };

    let (tzh, ten) = *rng.pick(&TITLES);
    let (szh, sen) = *rng.pick(&SUMMARIES);
    let title = (
        fill(tzh, &p.zh, d.1, cat.zh, &xzh),
        fill(ten, &p.en, d.2, cat.en, &xen),
    );
    let summary = (
        fill(szh, &p.zh, d.1, cat.zh, &xzh),
        fill(sen, &p.en, d.2, &lower(cat.en), &xen),
    );
    let body = body(&mut rng, p, cat, &destinations, &terms);

    Offer {
        id: format!("{}-{}-{}", p.id, d.0, i + 1),
        partner,
        category,
        title,
        summary,
        body,
        discount,
        coupon,
        valid_from,
        valid_until,
        status,
        destinations,
        terms,
        featured,
    }
}

/// ~150 English words (and the same content in Chinese) of Markdown: two
/// paragraphs, a bullet list with links to site paths, a closing paragraph.
fn body(
    rng: &mut Rng,
    p: &Partner,
    cat: &Category,
    dests: &[usize],
    terms: &[usize],
) -> (String, String) {
    let picks = rng.distinct(SENTENCES.len(), 9);
    let bullets = rng.distinct(BULLETS.len(), 2);
    let d = DESTINATIONS[dests[0]];
    let cen = lower(cat.en);
    let mut zh = String::with_capacity(1200);
    let mut en = String::with_capacity(1400);
    for (n, &s) in picks.iter().enumerate() {
        if n == 4 || n == 6 {
            zh.push_str("\n\n");
            en.push_str("\n\n");
        } else if n > 0 {
            en.push(' ');
        }
        if n == 6 {
            // The list sits between the second and the closing paragraph.
            let _ = write!(
                zh,
                "- 商户：[{}](/zh/partners/{}/)\n- 目的地：[{}](/zh/destinations/{}/)\n- 汇率：受[汇率锁定](/zh/terms/exchange-rate-lock/)保障\n",
                p.zh, p.id, d.1, d.0
            );
            let _ = write!(
                en,
                "- Partner: [{}](/en/partners/{}/)\n- Destination: [{}](/en/destinations/{}/)\n- Rate: protected by the [exchange rate lock](/en/terms/exchange-rate-lock/)\n",
                p.en, p.id, d.2, d.0
            );
            for &b in &bullets {
                let _ = writeln!(zh, "- {}", BULLETS[b].0);
                let _ = writeln!(en, "- {}", BULLETS[b].1);
            }
            zh.push('\n');
            en.push('\n');
        }
        let (szh, sen) = SENTENCES[s];
        zh.push_str(&fill(szh, &p.zh, d.1, cat.zh, ""));
        en.push_str(&fill(sen, &p.en, d.2, &cen, ""));
    }
    let _ = write!(
        zh,
        "更多[{}优惠](/zh/categories/{}/)请见分类页，或访问[商户官网]({})。",
        cat.zh, cat.id, p.website
    );
    let _ = write!(
        en,
        " See more [{} offers](/en/categories/{}/) or visit [the partner's website]({}).",
        cen, cat.id, p.website
    );
    if let Some(&t) = terms.last() {
        let _ = write!(
            zh,
            "使用前请阅读[{}](/zh/terms/{}/)。",
            TERMS[t].1, TERMS[t].0
        );
        let _ = write!(
            en,
            " Please read the [{}](/en/terms/{}/) first.",
            lower(TERMS[t].2),
            TERMS[t].0
        );
    }
    zh.push('\n');
    en.push('\n');
    (zh, en)
}

// ---------------------------------------------------------------------------
// YAML helpers
// ---------------------------------------------------------------------------

/// A double-quoted YAML scalar.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A literal block scalar indented by `indent` spaces (text ends with `\n`).
fn block(out: &mut String, indent: usize, text: &str) {
    out.push_str("|\n");
    for line in text.lines() {
        if !line.is_empty() {
            for _ in 0..indent {
                out.push(' ');
            }
            out.push_str(line);
        }
        out.push('\n');
    }
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    fs::write(path, text)
}

// ---------------------------------------------------------------------------
// offersite site
// ---------------------------------------------------------------------------

const SITE_TITLE: (&str, &str) = ("全球旅行卡海外优惠", "Global Travel Card Overseas Offers");
const SITE_DESC: (&str, &str) = (
    "全球旅行卡持卡人在海外商户享受的折扣与礼遇，涵盖购物、餐饮、酒店与景点。",
    "Discounts and perks for Global Travel Card holders at overseas partners: shopping, dining, hotels and attractions.",
);

fn about_body(lang: &str) -> String {
    if lang == "zh" {
        "全球旅行卡是与手机支付应用绑定的旅行支付卡。本站汇集持卡人在海外商户享受的各类优惠。\n\n\
         - [浏览全部优惠](/zh/offers/)\n- [查找我们的门店](/zh/branches/)\n- [阅读服务条款](/zh/terms/)\n\n\
         如有疑问，请致电卡背面的客服电话，我们提供全天候中文服务。\n"
            .to_string()
    } else {
        "The Global Travel Card is a travel payment card linked to a mobile-payment app. This site lists \
         the offers cardholders enjoy at overseas partners.\n\n\
         - [Browse all offers](/en/offers/)\n- [Find a branch](/en/branches/)\n- [Read the service terms](/en/terms/)\n\n\
         Questions? Call the number on the back of your card for help around the clock.\n"
            .to_string()
    }
}

fn term_body(t: usize, lang: &str) -> String {
    let (id, zh, en, szh, sen, _) = TERMS[t];
    let _ = id;
    if lang == "zh" {
        format!(
            "## {zh}\n\n{szh}\n\n\
             - 适用于所有通过全球旅行卡完成的海外消费。\n- 具体以交易当日的应用内公告为准。\n- 如有争议，请在交易后60天内联系客服。\n\n\
             本条款与[优惠券使用规则](/zh/terms/coupon-rules/)共同适用。返回[全部优惠](/zh/offers/)。\n"
        )
    } else {
        format!(
            "## {en}\n\n{sen}\n\n\
             - Applies to every overseas payment made with the Global Travel Card.\n- The notice in the app on the day of payment prevails.\n- Raise any dispute within 60 days of the payment.\n\n\
             These terms apply together with the [coupon rules](/en/terms/coupon-rules/). Back to [all offers](/en/offers/).\n"
        )
    }
}

fn write_offersite(dir: &Path, partners: &[Partner], offers: &[Offer]) -> std::io::Result<()> {
    let c = dir.join("content");
    for sub in ["partners", "offers", "terms", "pages"] {
        fs::create_dir_all(c.join(sub))?;
    }

    write(
        &c.join("site.yaml"),
        &format!(
            "base_url: https://offers.example.com\n\
             languages:\n  - {{code: zh, locale: zh-Hans, name: 中文}}\n  - {{code: en, locale: en, name: English}}\n\
             title: {{zh: {}, en: {}}}\n\
             description: {{zh: {}, en: {}}}\n\
             page_size: 24\n",
            q(SITE_TITLE.0),
            q(SITE_TITLE.1),
            q(SITE_DESC.0),
            q(SITE_DESC.1)
        ),
    )?;

    let mut s = String::new();
    for cat in &CATEGORIES {
        let _ = writeln!(
            s,
            "- {{id: {}, name: {{zh: {}, en: {}}}}}",
            cat.id,
            q(cat.zh),
            q(cat.en)
        );
    }
    write(&c.join("categories.yaml"), &s)?;

    s.clear();
    for (id, zh, en, country) in DESTINATIONS {
        let _ = writeln!(
            s,
            "- {{id: {id}, name: {{zh: {}, en: {}}}, country: {country}}}",
            q(zh),
            q(en)
        );
    }
    write(&c.join("destinations.yaml"), &s)?;

    s.clear();
    for (i, b) in BRANCHES.iter().enumerate() {
        let (id, czh, cen, pzh, pen, dzh, den, area) = *b;
        let (stzh, sten) = STREETS[i % STREETS.len()];
        let no = 18 + i * 7;
        let _ = write!(
            s,
            "- id: {id}\n  city: {{zh: {}, en: {}}}\n  province: {{zh: {}, en: {}}}\n  name: {{zh: {}, en: {}}}\n  address: {{zh: {}, en: {}}}\n  hours: {{zh: {}, en: {}}}\n  phone: \"+86 {area} {}\"\n",
            q(czh),
            q(cen),
            q(pzh),
            q(pen),
            q(&format!("全球旅行{czh}分社")),
            q(&format!("Global Travel {cen} Branch")),
            q(&format!("{czh}市{dzh}{stzh}{no}号")),
            q(&format!("{no} {sten}, {den}, {cen}")),
            q("周一至周五 9:00–18:00，周六 10:00–16:00"),
            q("Mon–Fri 9:00–18:00, Sat 10:00–16:00"),
            if area.len() == 2 {
                format!("8{:03} {:04}", 100 + i * 37, 1000 + i * 411)
            } else {
                format!("8{:03} {:04}", 200 + i * 29, 2000 + i * 307)
            },
        );
    }
    write(&c.join("branches.yaml"), &s)?;

    for p in partners {
        let cat = &CATEGORIES[p.category];
        let text = format!(
            "name: {{zh: {}, en: {}}}\nwebsite: {}\nabout:\n  zh: {}\n  en: {}\n",
            q(&p.zh),
            q(&p.en),
            p.website,
            q(&format!(
                "{}是全球旅行卡在海外的{}合作商户，持卡人在其门店消费可享专属优惠。",
                p.zh, cat.zh
            )),
            q(&format!(
                "{} is a Global Travel Card {} partner overseas: cardholders get exclusive offers in its stores.",
                p.en,
                lower(cat.en)
            )),
        );
        write(&c.join("partners").join(format!("{}.yaml", p.id)), &text)?;
    }

    for (t, (id, zh, en, szh, sen, weight)) in TERMS.iter().enumerate() {
        for (lang, title, summary) in [("zh", zh, szh), ("en", en, sen)] {
            let text = format!(
                "---\ntitle: {}\nsummary: {}\nweight: {weight}\n---\n{}",
                q(title),
                q(summary),
                term_body(t, lang)
            );
            write(&c.join("terms").join(format!("{id}.{lang}.md")), &text)?;
        }
    }
    for (lang, title, summary) in [
        ("zh", "关于我们", "全球旅行卡海外优惠简介。"),
        (
            "en",
            "About",
            "About the Global Travel Card overseas offers.",
        ),
    ] {
        let text = format!(
            "---\ntitle: {}\nsummary: {}\nweight: 10\n---\n{}",
            q(title),
            q(summary),
            about_body(lang)
        );
        write(&c.join("pages").join(format!("about.{lang}.md")), &text)?;
    }

    let mut s = String::with_capacity(8192);
    for o in offers {
        s.clear();
        let _ = write!(
            s,
            "partner: {}\ncategory: {}\ntitle:\n  zh: {}\n  en: {}\nsummary:\n  zh: {}\n  en: {}\nbody:\n  zh: ",
            partners[o.partner].id,
            CATEGORIES[o.category].id,
            q(&o.title.0),
            q(&o.title.1),
            q(&o.summary.0),
            q(&o.summary.1),
        );
        block(&mut s, 4, &o.body.0);
        s.push_str("  en: ");
        block(&mut s, 4, &o.body.1);
        match o.discount {
            Discount::Percent(p) => {
                let _ = writeln!(s, "discount: {{percent: {p}}}");
            }
            Discount::Amount(v, c) => {
                let _ = writeln!(s, "discount: {{amount: {{value: {v}, currency: {c}}}}}");
            }
            Discount::Text(i) => {
                let _ = writeln!(
                    s,
                    "discount:\n  text: {{zh: {}, en: {}}}",
                    q(TEXT_DISCOUNTS[i].0),
                    q(TEXT_DISCOUNTS[i].1)
                );
            }
        }
        if let Some(code) = &o.coupon {
            let _ = writeln!(s, "coupon_code: {code}");
        }
        let _ = writeln!(
            s,
            "valid_from: {}\nvalid_until: {}",
            iso(o.valid_from),
            iso(o.valid_until)
        );
        let ids: Vec<&str> = o.destinations.iter().map(|&d| DESTINATIONS[d].0).collect();
        let _ = writeln!(s, "destinations: [{}]", ids.join(", "));
        if !o.terms.is_empty() {
            let ids: Vec<&str> = o.terms.iter().map(|&t| TERMS[t].0).collect();
            let _ = writeln!(s, "terms: [{}]", ids.join(", "));
        }
        if o.featured {
            s.push_str("featured: true\n");
        }
        write(&c.join("offers").join(format!("{}.yaml", o.id)), &s)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Hugo twin
// ---------------------------------------------------------------------------

const HUGO_TOML: &str = r##"# Hugo twin of the offersite benchmark catalog (written by examples/gen_catalog.rs).
baseURL = "https://offers.example.com/"
defaultContentLanguage = "zh"
defaultContentLanguageInSubdir = true
hasCJKLanguage = true
buildFuture = true
buildExpired = true
enableRobotsTXT = true
disableKinds = ["taxonomy"]
disableAliases = true
ignoreErrors = ["error-disable-taxonomy"]

[taxonomies]
  category = "categories"
  destination = "destinations"
  partner = "partners"

[outputs]
  home = ["HTML", "RSS", "JSON"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
  page = ["HTML"]

[languages]
  [languages.zh]
    weight = 1
    title = "全球旅行卡海外优惠"
    [languages.zh.params]
      locale = "zh-Hans"
      label = "中文"
      description = "全球旅行卡持卡人在海外商户享受的折扣与礼遇，涵盖购物、餐饮、酒店与景点。"
  [languages.en]
    weight = 2
    title = "Global Travel Card Overseas Offers"
    [languages.en.params]
      locale = "en"
      label = "English"
      description = "Discounts and perks for Global Travel Card holders at overseas partners: shopping, dining, hotels and attractions."
"##;

const HUGO_I18N_ZH: &str = r##"home = "首页"
skip = "跳到正文"
service_title = "24小时客服"
service_text = "在境外用卡遇到问题？请随时拨打卡背面的客服电话。"
subscribe = "订阅新优惠"
see_all = "查看全部优惠"
by_category = "按分类浏览"
by_destination = "按目的地浏览"
current = "当前优惠"
website = "官网"
where = "目的地"
details = "详情"
applicable_terms = "适用条款"
similar = "类似优惠"
more_in = "更多优惠："
coupon_hint = "付款时向收银员出示此优惠码。"
offers = "全部优惠"
branches = "门店"
terms = "服务条款"
about = "关于我们"
featured = "精选优惠"
categories = "分类"
destinations = "目的地"
partner = "商户"
category = "分类"
coupon = "优惠码"
valid = "有效期"
ended = "本优惠已结束。"
upcoming = "本优惠尚未开始，开始日期："
prev = "上一页"
next = "下一页"
address = "地址"
hours = "营业时间"
phone = "电话"
other_language = "English"
notfound = "页面不存在"
"##;

const HUGO_I18N_EN: &str = r##"home = "Home"
skip = "Skip to content"
service_title = "24-hour customer service"
service_text = "Trouble using your card abroad? Call the number on the back of your card, any time, any day."
subscribe = "Subscribe to new offers"
see_all = "See all offers"
by_category = "Browse by category"
by_destination = "Browse by destination"
current = "Current offers"
website = "Website"
where = "Where"
details = "Details"
applicable_terms = "Terms that apply"
similar = "Similar offers"
more_in = "More offers in"
coupon_hint = "Show this code at the till when you pay."
offers = "All offers"
branches = "Branches"
terms = "Service terms"
about = "About"
featured = "Featured offers"
categories = "Categories"
destinations = "Destinations"
partner = "Partner"
category = "Category"
coupon = "Coupon code"
valid = "Valid"
ended = "This offer has ended."
upcoming = "This offer has not started yet. It starts on"
prev = "Previous"
next = "Next"
address = "Address"
hours = "Opening hours"
phone = "Phone"
other_language = "中文"
notfound = "Page not found"
"##;

const HUGO_BASEOF: &str = r##"<!DOCTYPE html>
<html lang="{{ site.Params.locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Params.locale }}" href="{{ .Permalink }}">
{{- end }}
{{- range .AllTranslations }}{{ if eq .Lang "zh" }}
<link rel="alternate" hreflang="x-default" href="{{ .Permalink }}">
{{- end }}{{ end }}
<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ "index.xml" | relLangURL }}">
<link rel="stylesheet" href="/assets/site.css">
<meta name="theme-color" content="#9b1c1c">
{{- if eq .Params.status "ended" }}
<meta name="robots" content="noindex">
{{- end }}
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:locale" content="{{ replace site.Params.locale "-" "_" }}">
{{ block "head" . }}{{ end }}
</head>
<body>
<a class="skip" href="#main">{{ i18n "skip" }}</a>
<header class="site-header">
  <div class="wrap bar">
    <a class="brand" href="{{ "/" | relLangURL }}"><span>{{ site.Title }}</span></a>
    <nav class="lang-switch" aria-label="Language">
    {{- range .Translations }}
      <a href="{{ .RelPermalink }}" hreflang="{{ .Language.Params.locale }}" lang="{{ .Language.Params.locale }}">{{ .Language.Params.label }}</a>
    {{- end }}
    </nav>
  </div>
  <nav class="main-nav" aria-label="Main">
    <ul class="wrap">
      <li><a href="{{ "/" | relLangURL }}">{{ i18n "home" }}</a></li>
      <li><a href="{{ "offers/" | relLangURL }}">{{ i18n "offers" }}</a></li>
      <li><a href="{{ "branches/" | relLangURL }}">{{ i18n "branches" }}</a></li>
      <li><a href="{{ "terms/" | relLangURL }}">{{ i18n "terms" }}</a></li>
    </ul>
  </nav>
</header>
<main id="main" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <section class="service" aria-labelledby="service-title">
      <h2 id="service-title">{{ i18n "service_title" }}</h2>
      <p>{{ i18n "service_text" }}</p>
    </section>
    <nav aria-label="More links">
      <ul class="footer-links">
        <li><a href="{{ "offers/" | relLangURL }}">{{ i18n "offers" }}</a></li>
        <li><a href="{{ "branches/" | relLangURL }}">{{ i18n "branches" }}</a></li>
        <li><a href="{{ "terms/" | relLangURL }}">{{ i18n "terms" }}</a></li>
        <li><a href="{{ "about/" | relLangURL }}">{{ i18n "about" }}</a></li>
        <li><a href="{{ "index.xml" | relLangURL }}">{{ i18n "subscribe" }}</a></li>
      </ul>
    </nav>
    <p class="fineprint">&copy; {{ site.Title }}</p>
  </div>
</footer>
</body>
</html>
"##;

const HUGO_CARD: &str = r##"<li><article class="card">
  <div class="card-body">
    <p class="badge">{{ partial "discount.html" . }}</p>
    <h3 class="card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
    <p class="card-partner">{{ range .GetTerms "partners" }}{{ .Title }}{{ end }} · {{ range .GetTerms "categories" }}{{ .Title }}{{ end }}</p>
    <p class="card-summary">{{ .Description }}</p>
    <p class="card-dates">{{ partial "date.html" (dict "d" .Params.valid_from "lang" .Lang) }} – {{ partial "date.html" (dict "d" .Params.valid_until "lang" .Lang) }}</p>
  </div>
</article></li>
"##;

const HUGO_DISCOUNT: &str = r##"{{- $d := .Params.discount -}}
{{- if isset $d "percent" -}}
{{- if eq .Lang "zh" -}}
{{- $digits := slice "零" "一" "二" "三" "四" "五" "六" "七" "八" "九" -}}
{{- $r := sub 100 (int $d.percent) -}}
{{- index $digits (div $r 10) -}}{{- if ne (mod $r 10) 0 }}{{ index $digits (mod $r 10) }}{{ end -}}折
{{- else -}}{{ $d.percent }}% off{{- end -}}
{{- else if isset $d "amount" -}}
{{- $a := $d.amount -}}
{{- if eq .Lang "zh" -}}
立减{{ $a.value }}{{ index (dict "USD" "美元" "GBP" "英镑" "EUR" "欧元" "JPY" "日元" "AUD" "澳元" "CAD" "加元" "SGD" "新加坡元") $a.currency }}
{{- else -}}
{{ index (dict "USD" "US$" "GBP" "£" "EUR" "€" "JPY" "¥" "AUD" "A$" "CAD" "C$" "SGD" "S$") $a.currency }}{{ $a.value }} off
{{- end -}}
{{- else -}}
{{- index $d.text .Lang -}}
{{- end -}}
"##;

const HUGO_DATE: &str = r##"{{- $t := time.AsTime .d -}}
<time datetime="{{ .d }}">{{ if eq .lang "zh" }}{{ $t.Format "2006年1月2日" }}{{ else }}{{ $t.Format "Jan 2, 2006" }}{{ end }}</time>
{{- /**/ -}}
"##;

const HUGO_INDEX: &str = r##"{{ define "main" }}
{{- $active := partialCached "active-offers.html" . .Lang }}
<section class="hero">
  <h1>{{ site.Title }}</h1>
  <p>{{ site.Params.description }}</p>
  <p><a class="button" href="{{ "offers/" | relLangURL }}">{{ i18n "see_all" }} ({{ len $active }})</a></p>
</section>
<section aria-labelledby="offers-title">
  <h2 id="offers-title">{{ i18n "featured" }}</h2>
  <ul class="cards">
{{- range where $active "Params.featured" true }}
{{ partialCached "card.html" . .RelPermalink }}
{{- end }}
  </ul>
</section>
<section aria-labelledby="categories-title">
  <h2 id="categories-title">{{ i18n "by_category" }}</h2>
  <ul class="chips">
{{- range site.Taxonomies.categories }}
    <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }} <span class="count">{{ len (partialCached "active-in.html" .Page .Page.RelPermalink) }}</span></a></li>
{{- end }}
  </ul>
</section>
<section aria-labelledby="destinations-title">
  <h2 id="destinations-title">{{ i18n "by_destination" }}</h2>
  <ul class="chips">
{{- range site.Taxonomies.destinations }}
    <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }} <span class="count">{{ len (partialCached "active-in.html" .Page .Page.RelPermalink) }}</span></a></li>
{{- end }}
  </ul>
</section>
<section aria-labelledby="branches-title">
  <h2 id="branches-title">{{ i18n "branches" }}</h2>
  <ul class="links">
{{- with site.GetPage "/branches" }}{{ range .Pages }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}{{ end }}
  </ul>
</section>
<section aria-labelledby="terms-title">
  <h2 id="terms-title">{{ i18n "terms" }}</h2>
  <ul class="links">
{{- with site.GetPage "/terms" }}{{ range .Pages }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}{{ end }}
  </ul>
</section>
{{ end }}
"##;

const HUGO_INDEX_JSON: &str = r##"{"version":1,"offers":[
{{- range $i, $p := where site.RegularPages "Section" "offers" -}}
{{- if $i }},{{ end -}}
{{- dict "id" .File.ContentBaseName "status" .Params.status "title" .Title "summary" .Description "discount" .Params.discount "coupon_code" .Params.coupon_code "valid_from" .Params.valid_from "valid_until" .Params.valid_until "destinations" .Params.destinations "url" .Permalink | jsonify -}}
{{- end -}}
]}
"##;

const HUGO_PAGER: &str = r##"{{- if gt .TotalPages 1 }}
<nav class="pager">
{{- with .Prev }}<a rel="prev" href="{{ .URL }}">{{ i18n "prev" }}</a>{{ end }}
<span>{{ .PageNumber }} / {{ .TotalPages }}</span>
{{- with .Next }}<a rel="next" href="{{ .URL }}">{{ i18n "next" }}</a>{{ end }}
</nav>
{{- end }}
"##;

/// Active offers of a taxonomy term, filtered once per term (not per pager page).
const HUGO_ACTIVE_IN: &str = r##"{{- return where .Pages "Params.status" "active" -}}
"##;

const HUGO_ACTIVE: &str = r##"{{- return where (where site.RegularPages "Section" "offers") "Params.status" "active" -}}
"##;

const HUGO_LIST: &str = r##"{{ define "main" }}
<nav class="crumbs" aria-label="Breadcrumb"><a href="{{ "/" | relLangURL }}">{{ i18n "home" }}</a></nav>
<h1>{{ .Title }}</h1>
{{- if eq .Section "offers" }}
{{- /* filter once per language, not once per pager page */}}
{{- $active := partialCached "active-offers.html" . .Lang }}
<p class="lead">{{ i18n "current" }}: {{ len $active }}</p>
{{- $pager := .Paginate $active 24 }}
<ul class="cards">
{{- range $pager.Pages }}
{{ partialCached "card.html" . .RelPermalink }}
{{- end }}
</ul>
{{ partial "pager.html" $pager }}
{{- else }}
{{ .Content }}
<ul class="links">
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span>{{ .Description }}</span></li>
{{- end }}
</ul>
{{- end }}
{{ end }}
"##;

const HUGO_TERM: &str = r##"{{ define "main" }}
<nav class="crumbs" aria-label="Breadcrumb"><a href="{{ "/" | relLangURL }}">{{ i18n "home" }}</a> › <a href="{{ "offers/" | relLangURL }}">{{ i18n "offers" }}</a></nav>
<h1>{{ .Title }}</h1>
{{ .Content }}
{{- with .Params.website }}<p><a class="external" href="{{ . }}" rel="noopener">{{ i18n "website" }}</a></p>{{ end }}
{{- $active := partialCached "active-in.html" . .RelPermalink }}
<p class="lead">{{ i18n "current" }}: {{ len $active }}</p>
{{- $pager := .Paginate $active 24 }}
<ul class="cards">
{{- range $pager.Pages }}
{{ partialCached "card.html" . .RelPermalink }}
{{- end }}
</ul>
{{ partial "pager.html" $pager }}
{{ end }}
"##;

const HUGO_SINGLE: &str = r##"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
{{ end }}
"##;

const HUGO_BRANCH: &str = r##"{{ define "main" }}
<article class="branch">
<h1>{{ .Title }}</h1>
<p>{{ .Params.city }} · {{ .Params.province }}</p>
<dl>
<dt>{{ i18n "address" }}</dt><dd>{{ .Params.address }}</dd>
<dt>{{ i18n "hours" }}</dt><dd>{{ .Params.hours }}</dd>
<dt>{{ i18n "phone" }}</dt><dd><a href="tel:{{ replace .Params.phone " " "" }}">{{ .Params.phone }}</a></dd>
</dl>
</article>
{{ end }}
"##;

const HUGO_OFFER: &str = r##"{{ define "head" }}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "Offer" "name" .Title "description" .Description "url" .Permalink "serialNumber" .Params.coupon_code "validFrom" .Params.valid_from "validThrough" .Params.valid_until "inLanguage" .Lang | jsonify | safeJS }}</script>
{{ end }}
{{ define "main" }}
{{- $cat := index (.GetTerms "categories") 0 }}
<nav class="crumbs" aria-label="Breadcrumb"><a href="{{ "/" | relLangURL }}">{{ i18n "home" }}</a> › <a href="{{ $cat.RelPermalink }}">{{ $cat.Title }}</a></nav>
<article class="offer offer-{{ .Params.status }}">
{{- if eq .Params.status "ended" }}
  <div class="notice notice-ended" role="status"><p><strong>{{ i18n "ended" }}</strong></p></div>
{{- else if eq .Params.status "upcoming" }}
  <div class="notice notice-upcoming" role="status"><p><strong>{{ i18n "upcoming" }} {{ partial "date.html" (dict "d" .Params.valid_from "lang" .Lang) }}</strong></p></div>
{{- end }}
  <p class="badge badge-big">{{ partial "discount.html" . }}</p>
  <h1>{{ .Title }}</h1>
  <p class="lead">{{ .Description }}</p>
{{- if and .Params.coupon_code (ne .Params.status "ended") }}
  <section class="coupon" aria-labelledby="coupon-title">
    <h2 id="coupon-title">{{ i18n "coupon" }}</h2>
    <p class="code">{{ .Params.coupon_code }}</p>
    <p class="coupon-hint">{{ i18n "coupon_hint" }}</p>
  </section>
{{- end }}
  <dl class="facts">
    <div><dt>{{ i18n "valid" }}</dt><dd>{{ partial "date.html" (dict "d" .Params.valid_from "lang" .Lang) }} – {{ partial "date.html" (dict "d" .Params.valid_until "lang" .Lang) }}</dd></div>
    <div><dt>{{ i18n "partner" }}</dt><dd>{{ range .GetTerms "partners" }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> · <a class="external" href="{{ .Params.website }}" rel="noopener">{{ i18n "website" }}</a>{{ end }}</dd></div>
    <div><dt>{{ i18n "category" }}</dt><dd><a href="{{ $cat.RelPermalink }}">{{ $cat.Title }}</a></dd></div>
    <div><dt>{{ i18n "where" }}</dt><dd>{{ range $i, $d := .GetTerms "destinations" }}{{ if $i }}, {{ end }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</dd></div>
  </dl>
  <section class="details" aria-labelledby="details-title">
    <h2 id="details-title">{{ i18n "details" }}</h2>
    <div class="prose">{{ .Content }}</div>
  </section>
{{- with .Params.terms }}
  <section aria-labelledby="terms-title">
    <h2 id="terms-title">{{ i18n "applicable_terms" }}</h2>
    <ul class="links">
{{- range . }}{{ with site.GetPage (printf "/terms/%s" .) }}
      <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}{{ end }}
    </ul>
  </section>
{{- end }}
</article>
{{- $self := .RelPermalink }}
{{- $similar := first 7 (partialCached "active-in.html" $cat $cat.RelPermalink) }}
<section aria-labelledby="related-title">
  <h2 id="related-title">{{ i18n "similar" }}</h2>
  <ul class="cards">
{{- $n := 0 }}
{{- range $similar }}{{ if and (ne .RelPermalink $self) (lt $n 6) }}{{ $n = add $n 1 }}
{{ partialCached "card.html" . .RelPermalink }}
{{- end }}{{ end }}
  </ul>
  <p><a href="{{ $cat.RelPermalink }}">{{ i18n "more_in" }} {{ $cat.Title }}</a></p>
</section>
{{ end }}
"##;

const HUGO_404: &str = r##"{{ define "main" }}
<h1>{{ i18n "notfound" }}</h1>
<p><a href="{{ "/" | relLangURL }}">{{ site.Title }}</a></p>
{{ end }}
"##;

const HUGO_SITEMAP: &str = r##"{{ printf "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>" | safeHTML }}
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
{{- range .Pages }}{{ if ne .Params.status "ended" }}
<url><loc>{{ .Permalink }}</loc>
{{- range .AllTranslations }}<xhtml:link rel="alternate" hreflang="{{ .Language.Params.locale }}" href="{{ .Permalink }}"/>{{ end -}}
</url>
{{- end }}{{ end }}
</urlset>
"##;

const CSS: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:0 1rem;line-height:1.5}\n\
header.site nav a{margin-right:.75rem}\n.cards{list-style:none;padding:0}\n.card{border-bottom:1px solid #ddd;padding:.5rem 0}\n\
.discount{color:#b00;font-weight:bold}\n.notice{background:#fee;padding:.5rem}\n";

/// A Hugo content file: YAML front matter then a Markdown body.
fn hugo_page(path: &Path, front: &str, body: &str) -> std::io::Result<()> {
    let mut s = String::with_capacity(front.len() + body.len() + 16);
    s.push_str("---\n");
    s.push_str(front);
    s.push_str("---\n");
    s.push_str(body);
    write(path, &s)
}

fn write_hugo(dir: &Path, partners: &[Partner], offers: &[Offer]) -> std::io::Result<()> {
    let c = dir.join("content");
    let l = dir.join("layouts");
    for sub in [
        c.join("offers"),
        c.join("branches"),
        c.join("terms"),
        c.join("categories"),
        c.join("destinations"),
        c.join("partners"),
        l.join("_default"),
        l.join("partials"),
        l.join("offers"),
        l.join("branches"),
        dir.join("i18n"),
        dir.join("static/assets"),
    ] {
        fs::create_dir_all(sub)?;
    }
    write(&dir.join("hugo.toml"), HUGO_TOML)?;
    write(&dir.join("i18n/zh.toml"), HUGO_I18N_ZH)?;
    write(&dir.join("i18n/en.toml"), HUGO_I18N_EN)?;
    write(&dir.join("static/assets/site.css"), CSS)?;
    write(&l.join("_default/baseof.html"), HUGO_BASEOF)?;
    write(&l.join("_default/list.html"), HUGO_LIST)?;
    write(&l.join("_default/term.html"), HUGO_TERM)?;
    write(&l.join("_default/single.html"), HUGO_SINGLE)?;
    write(&l.join("index.html"), HUGO_INDEX)?;
    write(&l.join("index.json"), HUGO_INDEX_JSON)?;
    write(&l.join("404.html"), HUGO_404)?;
    write(&l.join("_default/sitemap.xml"), HUGO_SITEMAP)?;
    write(&l.join("offers/single.html"), HUGO_OFFER)?;
    write(&l.join("branches/single.html"), HUGO_BRANCH)?;
    write(&l.join("partials/card.html"), HUGO_CARD)?;
    write(&l.join("partials/discount.html"), HUGO_DISCOUNT)?;
    write(&l.join("partials/date.html"), HUGO_DATE)?;
    write(&l.join("partials/active-offers.html"), HUGO_ACTIVE)?;
    write(&l.join("partials/active-in.html"), HUGO_ACTIVE_IN)?;
    write(&l.join("partials/pager.html"), HUGO_PAGER)?;

    let langs = ["zh", "en"];
    for (k, lang) in langs.iter().enumerate() {
        let pick = |zh: &str, en: &str| {
            if k == 0 {
                zh.to_string()
            } else {
                en.to_string()
            }
        };
        hugo_page(
            &c.join(format!("_index.{lang}.md")),
            &format!("title: {}\n", q(&pick(SITE_TITLE.0, SITE_TITLE.1))),
            "",
        )?;
        for (sec, zh, en) in [
            ("offers", "全部优惠", "All offers"),
            ("branches", "门店", "Branches"),
            ("terms", "服务条款", "Service terms"),
        ] {
            hugo_page(
                &c.join(sec).join(format!("_index.{lang}.md")),
                &format!("title: {}\n", q(&pick(zh, en))),
                "",
            )?;
        }
        hugo_page(
            &c.join(format!("about.{lang}.md")),
            &format!(
                "title: {}\ndescription: {}\nweight: 10\n",
                q(&pick("关于我们", "About")),
                q(&pick(
                    "全球旅行卡海外优惠简介。",
                    "About the Global Travel Card overseas offers."
                ))
            ),
            &about_body(lang),
        )?;
        for (t, (id, zh, en, szh, sen, weight)) in TERMS.iter().enumerate() {
            hugo_page(
                &c.join("terms").join(format!("{id}.{lang}.md")),
                &format!(
                    "title: {}\ndescription: {}\nweight: {weight}\n",
                    q(&pick(zh, en)),
                    q(&pick(szh, sen))
                ),
                &term_body(t, lang),
            )?;
        }
        for cat in &CATEGORIES {
            let d = c.join("categories").join(cat.id);
            fs::create_dir_all(&d)?;
            hugo_page(
                &d.join(format!("_index.{lang}.md")),
                &format!("title: {}\n", q(&pick(cat.zh, cat.en))),
                "",
            )?;
        }
        for (id, zh, en, country) in DESTINATIONS {
            let d = c.join("destinations").join(id);
            fs::create_dir_all(&d)?;
            hugo_page(
                &d.join(format!("_index.{lang}.md")),
                &format!("title: {}\ncountry: {country}\n", q(&pick(zh, en))),
                "",
            )?;
        }
        for p in partners {
            let d = c.join("partners").join(&p.id);
            fs::create_dir_all(&d)?;
            let cat = &CATEGORIES[p.category];
            let about = pick(
                &format!(
                    "{}是全球旅行卡在海外的{}合作商户，持卡人在其门店消费可享专属优惠。\n",
                    p.zh, cat.zh
                ),
                &format!(
                    "{} is a Global Travel Card {} partner overseas: cardholders get exclusive offers in its stores.\n",
                    p.en,
                    lower(cat.en)
                ),
            );
            hugo_page(
                &d.join(format!("_index.{lang}.md")),
                &format!(
                    "title: {}\nwebsite: {}\n",
                    q(&pick(&p.zh, &p.en)),
                    p.website
                ),
                &about,
            )?;
        }
        for (i, b) in BRANCHES.iter().enumerate() {
            let (id, czh, cen, pzh, pen, dzh, den, area) = *b;
            let (stzh, sten) = STREETS[i % STREETS.len()];
            let no = 18 + i * 7;
            let phone = if area.len() == 2 {
                format!("+86 {area} 8{:03} {:04}", 100 + i * 37, 1000 + i * 411)
            } else {
                format!("+86 {area} 8{:03} {:04}", 200 + i * 29, 2000 + i * 307)
            };
            hugo_page(
                &c.join("branches").join(format!("{id}.{lang}.md")),
                &format!(
                    "title: {}\ncity: {}\nprovince: {}\naddress: {}\nhours: {}\nphone: {}\nweight: {}\n",
                    q(&pick(
                        &format!("全球旅行{czh}分社"),
                        &format!("Global Travel {cen} Branch")
                    )),
                    q(&pick(czh, cen)),
                    q(&pick(pzh, pen)),
                    q(&pick(
                        &format!("{czh}市{dzh}{stzh}{no}号"),
                        &format!("{no} {sten}, {den}, {cen}")
                    )),
                    q(&pick(
                        "周一至周五 9:00–18:00，周六 10:00–16:00",
                        "Mon–Fri 9:00–18:00, Sat 10:00–16:00"
                    )),
                    q(&phone),
                    i + 1
                ),
                "",
            )?;
        }
    }

    let mut front = String::with_capacity(2048);
    for o in offers {
        for (k, lang) in langs.iter().enumerate() {
            front.clear();
            let (title, summary, body) = if k == 0 {
                (&o.title.0, &o.summary.0, &o.body.0)
            } else {
                (&o.title.1, &o.summary.1, &o.body.1)
            };
            let dests: Vec<&str> = o.destinations.iter().map(|&d| DESTINATIONS[d].0).collect();
            let _ = write!(
                front,
                "title: {}\ndescription: {}\ndate: {}\ncategories: [{}]\ndestinations: [{}]\npartners: [{}]\nstatus: {}\nvalid_from: \"{}\"\nvalid_until: \"{}\"\n",
                q(title),
                q(summary),
                iso(o.valid_from),
                CATEGORIES[o.category].id,
                dests.join(", "),
                partners[o.partner].id,
                o.status.as_str(),
                iso(o.valid_from),
                iso(o.valid_until),
            );
            match o.discount {
                Discount::Percent(p) => {
                    let _ = writeln!(front, "discount: {{percent: {p}}}");
                }
                Discount::Amount(v, cur) => {
                    let _ = writeln!(
                        front,
                        "discount: {{amount: {{value: {v}, currency: {cur}}}}}"
                    );
                }
                Discount::Text(i) => {
                    let _ = writeln!(
                        front,
                        "discount:\n  text: {{zh: {}, en: {}}}",
                        q(TEXT_DISCOUNTS[i].0),
                        q(TEXT_DISCOUNTS[i].1)
                    );
                }
            }
            if let Some(code) = &o.coupon {
                let _ = writeln!(front, "coupon_code: {code}");
            }
            if !o.terms.is_empty() {
                let ids: Vec<&str> = o.terms.iter().map(|&t| TERMS[t].0).collect();
                let _ = writeln!(front, "terms: [{}]", ids.join(", "));
            }
            if o.featured {
                front.push_str("featured: true\n");
            }
            hugo_page(
                &c.join("offers").join(format!("{}.{lang}.md", o.id)),
                &front,
                body,
            )?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------

/// Removes a previously generated tree, refusing anything that does not look
/// like one (so a typo never deletes unrelated files).
fn clear(dir: &Path, marker: &str) -> Result<(), String> {
    if !dir.exists() {
        return Ok(());
    }
    let is_empty = fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .next()
        .is_none();
    if is_empty {
        return Ok(());
    }
    if dir.join(marker).exists() {
        let target = if marker.starts_with("content/") {
            dir.join("content")
        } else {
            dir.to_path_buf()
        };
        fs::remove_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))
    } else if marker.starts_with("content/") && !dir.join("content").exists() {
        Ok(())
    } else {
        Err(format!(
            "{} exists and is not a generated catalog (no {marker}); refusing to overwrite",
            dir.display()
        ))
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 || args.len() > 3 {
        return Err("usage: gen_catalog N DIR [HUGO_DIR]   (HUGO_DIR defaults to DIR-hugo; `-` writes no Hugo twin)".into());
    }
    let n: usize = args[0]
        .replace('_', "")
        .parse()
        .map_err(|_| format!("N must be a number, got {:?}", args[0]))?;
    let dir = PathBuf::from(args[1].trim_end_matches('/'));
    // `-` as HUGO_DIR skips the Hugo twin (benches/bench.py does not need it).
    let hugo = match args.get(2).map(String::as_str) {
        Some("-") => None,
        Some(h) => Some(PathBuf::from(h)),
        None => Some(PathBuf::from(format!("{}-hugo", dir.display()))),
    };
    clear(&dir, "content/site.yaml")?;
    if let Some(hugo) = &hugo {
        clear(hugo, "hugo.toml")?;
    }

    let partners = partners();
    let offers: Vec<Offer> = (0..n).map(|i| offer(i, n, &partners)).collect();
    write_offersite(&dir, &partners, &offers).map_err(|e| format!("{}: {e}", dir.display()))?;
    if let Some(hugo) = &hugo {
        write_hugo(hugo, &partners, &offers).map_err(|e| format!("{}: {e}", hugo.display()))?;
    }

    let active = offers.iter().filter(|o| o.status == Status::Active).count();
    let ended = offers.iter().filter(|o| o.status == Status::Ended).count();
    let twin = match &hugo {
        Some(h) => format!(" and its Hugo twin to {}", h.display()),
        None => String::new(),
    };
    println!(
        "wrote {n} offers ({active} active, {ended} ended, {} upcoming) to {}{twin}",
        n - active - ended,
        dir.display(),
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_catalog: {e}");
            ExitCode::from(2)
        }
    }
}
