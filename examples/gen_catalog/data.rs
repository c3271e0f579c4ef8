//! The reference tables the catalog is drawn from: categories, places,
//! branches, partner names, terms and the sentences of titles and bodies.

pub struct Category {
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

pub const CATEGORIES: [Category; 8] = [
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
pub const DESTINATIONS: [(&str, &str, &str, &str); 60] = [
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
pub type BranchRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

pub const BRANCHES: [BranchRow; 15] = [
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
pub const STREETS: [(&str, &str); 8] = [
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
pub const PARTNER_PREFIX: [(&str, &str); 25] = [
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
pub const PARTNER_SUFFIX: [(&str, &str, usize); 10] = [
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
pub const TERMS: [(&str, &str, &str, &str, &str, i64); 4] = [
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
pub const SENTENCES: [(&str, &str); 30] = [
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
pub const BULLETS: [(&str, &str); 10] = [
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
pub const TITLES: [(&str, &str); 6] = [
    ("{p}{d}店持卡专享{x}", "{p} {d}: {x} for cardholders"),
    ("{d}{p}{c}优惠", "{c} deal at {p}, {d}"),
    ("{p}（{d}）限时优惠", "Limited-time offer at {p} in {d}"),
    ("{d}旅行必去：{p}", "A must in {d}: {p}"),
    ("{p}{c}特惠·{d}", "{c} special at {p} in {d}"),
    ("畅游{d}，{p}{x}", "Explore {d} with {x} at {p}"),
];

pub const SUMMARIES: [(&str, &str); 5] = [
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
pub const TEXT_DISCOUNTS: [(&str, &str); 6] = [
    ("买一送一", "Buy one, get one free"),
    ("赠送欢迎饮品", "A free welcome drink"),
    ("免费升级房型", "A free room upgrade"),
    ("消费满200美元赠送礼品", "A gift with purchases over US$200"),
    ("免费寄存行李", "Free luggage storage"),
    ("第二位半价", "Second person half price"),
];

pub fn currency(country: &str) -> &'static str {
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
