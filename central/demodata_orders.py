"""Believable orders for the demo buyers: items, money, parcels with their tracking, after-sale.

Pure standard library, like ``central.demodata`` (whose shops, names, phones and addresses it
reuses): no database. :func:`plan_orders` takes the demo buyers and returns, for each, a history
of orders and the extra profile fields (every address, tags, first and last contact), all driven
by the ``random.Random`` the caller passes: the same seed gives the same demo.

Times are seconds before now (negative: in the future), never datetimes; the writer
(``central.demo_orders``) anchors them to its clock.

What the demo must show, and this module guarantees whatever the seed:

* every order's money adds up: items - discounts + shipping = paid (or deposit + balance for a
  presale);
* a delivered or completed order has a complete tracking timeline (picked up, in transit, out for
  delivery, delivered), events oldest first;
* per shop: unpaid orders from minutes to most of a day old (inside and outside the payment-nudge
  window of 30 min - 12 h), parcels stuck for more than 48 h, presales whose balance is due soon,
  after-sale cases open in each state; buyers with a waiting or open conversation get these first,
  so the panel beside the queue has something to show;
* one buyer with about 500 orders, a few with dozens, and one order with 200 lines.
"""

from __future__ import annotations

import functools
import itertools
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from central.demodata import DemoBuyer, DemoShop, _address, _person_name, _phone
from wsprotocol import CARRIERS

HOUR = 3600.0
DAY = 86400.0
#: how long the demo's history goes back at most
HISTORY_DAYS = 540
#: unpaid orders are closed by the platform after this long (Taobao: 24 h for most goods)
UNPAID_TIMEOUT_S = 24 * HOUR
#: the platform confirms receipt by itself this long after delivery
AUTO_CONFIRM_S = 10 * DAY
#: a parcel with no event for this long is stuck (the client's default threshold)
STUCK_S = 48 * HOUR

# ============================================================================ catalogues


@dataclass(frozen=True)
class _Product:
    code: str
    title: str
    #: (spec name, values); every combination is one SKU
    dims: tuple[tuple[str, tuple[str, ...]], ...]
    #: price range in yuan over the SKUs (the first SKU cheapest)
    low: float
    high: float
    #: needs a carrier for bulky goods
    bulky: bool = False


@dataclass(frozen=True)
class Sku:
    sku: str
    title: str
    specs: str
    unit_price_fen: int


_S = ("S", "M", "L", "XL", "XXL")
_S7 = ("XS", "S", "M", "L", "XL", "XXL", "3XL")

_CATALOGUES: dict[str, tuple[str, tuple[_Product, ...]]] = {
    "baby": (
        "BLB",
        (
            _Product("NK01", "贝乐宝超薄透气纸尿裤婴儿尿不湿男女宝宝通用干爽夜用",
                     (("尺码", ("NB码", "S码", "M码", "L码", "XL码", "XXL码")),
                      ("包装", ("单包", "整箱4包"))), 79, 299),
            _Product("SJ02", "贝乐宝婴儿手口湿巾80抽加厚珍珠纹新生儿专用湿纸巾",
                     (("规格", ("5包", "10包", "20包整箱")),), 19.9, 69.9),
            _Product("NP03", "贝乐宝宽口径PPSU奶瓶新生婴儿防胀气耐摔宝宝奶瓶",
                     (("容量", ("160ml", "240ml", "300ml")), ("颜色", ("奶油白", "燕麦色"))), 89, 168),
            _Product("TC04", "贝乐宝高景观婴儿推车可坐可躺轻便折叠双向推行减震",
                     (("颜色", ("月光灰", "星空蓝", "燕麦色")),), 899, 1999, True),
            _Product("ZY05", "贝乐宝儿童安全座椅0-12岁汽车用ISOFIX硬接口360度旋转",
                     (("款式", ("ISOFIX款", "安全带款")), ("颜色", ("曜石黑", "雾霾灰"))), 1299, 2699, True),
            _Product("XN06", "贝乐宝电动吸奶器双边静音按摩无痛挤奶器孕产妇",
                     (("款式", ("单边款", "双边款")),), 299, 599),
            _Product("LT07", "贝乐宝纯棉婴儿连体衣春秋款新生儿哈衣爬服宝宝衣服",
                     (("尺码", ("59码", "66码", "73码", "80码", "90码")), ("颜色", ("奶白", "浅粉", "雾蓝"))),
                     59, 129),
            _Product("XY08", "贝乐宝婴儿洗衣液新生儿专用宝宝酵素洗衣液",
                     (("规格", ("1L", "2L", "1L补充装x3")),), 29.9, 79.9),
        ),
    ),
    "snack": (
        "CZM",
        (
            _Product("JG01", "馋嘴猫每日坚果混合果仁孕妇儿童零食大礼包",
                     (("规格", ("15包", "30包礼盒", "混合装750g")),), 69, 129),
            _Product("NR02", "馋嘴猫风干手撕牛肉干内蒙古特产休闲零食",
                     (("口味", ("香辣味", "五香味", "孜然味", "原味")), ("规格", ("250g", "500g"))),
                     39.9, 89),
            _Product("MG03", "馋嘴猫芒果干泰国风味果脯蜜饯休闲零食",
                     (("规格", ("100g*3袋", "500g大包")),), 19.9, 39.9),
            _Product("RP04", "馋嘴猫靖江猪肉脯网红零食小吃即食",
                     (("口味", ("原味", "蜜汁味", "黑椒味")), ("规格", ("200g", "500g"))), 35, 69),
            _Product("LS05", "馋嘴猫柳州螺蛳粉正宗广西特产方便速食",
                     (("规格", ("3袋", "5袋", "10袋")), ("辣度", ("正常辣", "加辣"))), 29.9, 89.9),
            _Product("XW06", "馋嘴猫奶油夏威夷果送开口器坚果炒货",
                     (("规格", ("250g", "500g", "1000g")),), 29.9, 88),
            _Product("LT07", "馋嘴猫辣条大礼包童年怀旧小零食",
                     (("规格", ("30包", "60包", "100包")),), 19.9, 49.9),
            _Product("HM08", "馋嘴猫黑糖话梅无核蜜饯零食",
                     (("款式", ("无核", "带核")), ("规格", ("100g", "250g"))), 12.9, 29.9),
        ),
    ),
    "appliance": (
        "NJ",
        (
            _Product("DFB01", "暖居智能电饭煲家用多功能预约IH电磁加热",
                     (("容量", ("3L", "4L", "5L")), ("颜色", ("白色", "深空灰"))), 199, 499),
            _Product("KQZ02", "暖居无油空气炸锅家用大容量可视电炸锅",
                     (("容量", ("5L", "6.5L可视款")),), 239, 459),
            _Product("SH03", "暖居电热水壶304不锈钢家用烧水壶",
                     (("容量", ("1.5L", "1.7L")), ("款式", ("普通款", "保温款"))), 79, 159),
            _Product("PB04", "暖居静音破壁料理机家用加热豆浆机",
                     (("款式", ("标准款", "加热款")),), 399, 899),
            _Product("CF05", "暖居高速吹风机负离子护发家用大功率",
                     (("颜色", ("白色", "樱花粉", "雾霾蓝")),), 199, 599),
            _Product("QN06", "暖居取暖器家用节能速热小太阳电暖气",
                     (("款式", ("台式", "立式", "遥控款")),), 129, 329, True),
            _Product("JS07", "暖居加湿器卧室静音大雾量空气加湿",
                     (("容量", ("4L", "6L")),), 99, 199),
            _Product("SD08", "暖居扫地机器人全自动扫拖一体智能家用",
                     (("款式", ("标准版", "自集尘版")),), 999, 2599, True),
        ),
    ),
    "fashion": (
        "YJ",
        (
            _Product("LYQ01", "衣见倾心法式碎花连衣裙女夏季收腰显瘦中长裙",
                     (("颜色", ("蓝色碎花", "黑色碎花", "杏色")), ("尺码", _S7)), 159, 189),
            _Product("NZK02", "衣见倾心高腰阔腿牛仔裤女宽松垂感拖地裤",
                     (("颜色", ("浅蓝", "深蓝", "黑色")), ("尺码", _S7)), 129, 149),
            _Product("XWT03", "衣见倾心小香风短外套女秋冬粗花呢上衣",
                     (("颜色", ("米白", "黑色", "粉色")), ("尺码", _S)), 239, 269),
            _Product("TX04", "衣见倾心纯棉短袖T恤女宽松百搭上衣",
                     (("颜色", ("白色", "黑色", "灰色", "奶黄")), ("尺码", _S7)), 49, 59),
            _Product("KS05", "衣见倾心羊毛针织开衫女慵懒风毛衣外套",
                     (("颜色", ("燕麦", "雾蓝", "酒红")), ("尺码", ("均码", "加大码"))), 199, 229),
            _Product("YRF06", "衣见倾心轻薄羽绒服女短款白鸭绒外套",
                     (("颜色", ("黑色", "白色", "卡其", "雾粉")), ("尺码", _S7)), 399, 459),
            _Product("BSQ07", "衣见倾心半身裙女高腰A字百褶裙",
                     (("颜色", ("黑色", "灰色", "驼色")), ("尺码", _S)), 99, 119),
            _Product("CS08", "衣见倾心真丝衬衫女长袖通勤雪纺衫",
                     (("颜色", ("白色", "香槟", "雾蓝")), ("尺码", _S)), 179, 199),
            _Product("WY09", "衣见倾心加绒卫衣女秋冬宽松连帽上衣",
                     (("颜色", ("灰色", "黑色", "杏色", "藏青")), ("尺码", _S7)), 89, 109),
            _Product("XZ10", "衣见倾心西装外套女春秋韩版休闲小西服",
                     (("颜色", ("黑色", "卡其", "米白")), ("尺码", _S7)), 259, 289),
            _Product("BX11", "衣见倾心针织背心女V领叠穿马甲",
                     (("颜色", ("米白", "灰色", "黑色")), ("尺码", _S)), 69, 79),
        ),
    ),
}  # fmt: skip
_GENERIC = (
    "GEN",
    (
        _Product("A01", "家用收纳盒大号塑料储物箱", (("规格", ("小号", "中号", "大号")),), 19.9, 59.9),
        _Product("A02", "304不锈钢保温杯男女便携水杯", (("颜色", ("黑色", "白色", "粉色")),), 49, 89),
        _Product("A03", "加厚珊瑚绒毛毯办公室午睡毯", (("尺寸", ("100x150", "150x200")),), 39, 79),
    ),
)


def _price_fen(rng: random.Random, yuan: float) -> int:
    """Shop prices end the way shops price: 59.00, 69.90, 129.00, 99.90 ..."""
    whole = int(yuan)
    return whole * 100 + (90 if rng.random() < 0.4 and whole < 300 else 0)


def catalogue(shop_key: str) -> list[Sku]:
    """Every SKU of the shop's catalogue (shops the demo does not know get a small generic one)."""
    prefix, products = _CATALOGUES.get(shop_key, _GENERIC)
    rng = random.Random(f"catalogue-{shop_key}")  # prices are fixed per SKU, whatever the seed
    out: list[Sku] = []
    for p in products:
        combos = list(itertools.product(*(values for _name, values in p.dims)))
        for i, combo in enumerate(combos):
            specs = ";".join(f"{name}:{value}" for (name, _vals), value in zip(p.dims, combo, strict=True))
            step = (p.high - p.low) / max(1, len(combos) - 1)
            yuan = p.low + step * i if len(combos) > 1 else p.low
            code = "-".join([prefix, p.code, *(str(p.dims[k][1].index(v) + 1) for k, v in enumerate(combo))])
            out.append(Sku(code, p.title, specs, _price_fen(rng, yuan)))
    return out


def _bulky_codes(shop_key: str) -> tuple[str, ...]:
    """SKU prefixes of the shop's bulky products (for ``str.startswith``)."""
    prefix, products = _CATALOGUES.get(shop_key, _GENERIC)
    return tuple(f"{prefix}-{p.code}-" for p in products if p.bulky)


# ============================================================================ carriers

#: which carriers a shop ships with, by weight
_SHOP_CARRIERS: dict[str, tuple[tuple[str, int], ...]] = {
    "baby": (("yto", 30), ("zto", 30), ("yunda", 20), ("sf", 15), ("ems", 5)),
    "snack": (("zto", 30), ("yto", 20), ("yunda", 20), ("sto", 12), ("jtexpress", 12), ("best", 6)),
    "appliance": (("jd", 80), ("sf", 12), ("deppon", 8)),
    "fashion": (("zto", 30), ("yto", 25), ("jtexpress", 20), ("sto", 15), ("sf", 10)),
}
_DEFAULT_CARRIERS = (("zto", 40), ("yto", 30), ("sf", 30))
# (value, weight) tables: how many orders a buyer has (most none: they only asked; the others a few,
# some a dozen), extra addresses, lines per order, quantity per line
_ORDERS_PER_BUYER = tuple(
    zip(range(13), (66, 17, 6, 3, 2, 1.5, 1.2, 0.9, 0.7, 0.6, 0.5, 0.3, 0.3), strict=True)
)
_EXTRA_ADDRESSES = ((0, 60), (1, 30), (2, 10))
_LINES = ((1, 65), (2, 22), (3, 9), (4, 4))
_QUANTITIES = ((1, 72), (2, 18), (3, 7), (5, 3))


def _weighted(rng: random.Random, table: Sequence[tuple[Any, float]]) -> Any:
    """A value of ``table`` by weight (one ``random()``: ``choices`` re-adds the weights each call)."""
    x = rng.random() * sum(w for _v, w in table)
    for value, w in table:
        x -= w
        if x < 0:
            return value
    return table[-1][0]


#: tracking-number shapes: a prefix and a number of digits
_TRACKING_FORMATS: dict[str, tuple[tuple[str, ...], int]] = {
    "sf": (("SF",), 13),
    "zto": (("73", "75", "78"), 12),
    "yto": (("YT",), 13),
    "sto": (("77", "68"), 11),
    "yunda": (("43", "46"), 11),
    "jtexpress": (("JT",), 13),
    "ems": (("98", "11"), 11),
    "jd": (("JDVA", "JDVB", "JDX"), 11),
    "deppon": (("DPK",), 12),
    "best": (("55", "70"), 12),
}
TRACKING_RE: dict[str, re.Pattern[str]] = {
    c: re.compile("(" + "|".join(prefixes) + r")\d{" + str(n) + "}")
    for c, (prefixes, n) in _TRACKING_FORMATS.items()
}


def tracking_no(rng: random.Random, carrier: str) -> str:
    prefixes, digits = _TRACKING_FORMATS.get(carrier, (("",), 14))
    return f"{rng.choice(prefixes)}{rng.randrange(10**digits):0{digits}d}"


def pick_carrier(rng: random.Random, shop_key: str, bulky: bool, value_fen: int) -> str:
    if bulky and shop_key != "appliance":
        return rng.choice(("deppon", "sf"))
    if value_fen >= 150000 and shop_key != "appliance":
        return "sf"  # expensive parcels go with SF
    options = _SHOP_CARRIERS.get(shop_key, _DEFAULT_CARRIERS)
    return _weighted(rng, options)


# Where each demo shop ships from: (province, city, district).
WAREHOUSES: dict[str, tuple[str, str, str]] = {
    "baby": ("浙江省", "杭州市", "余杭区"),
    "snack": ("浙江省", "嘉兴市", "南湖区"),
    "appliance": ("广东省", "佛山市", "顺德区"),
    "fashion": ("广东省", "广州市", "白云区"),
}
_MID_HUBS = ("武汉转运中心", "郑州航空港转运中心", "南京转运中心", "长沙转运中心", "济南转运中心")
_COURIER_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_SIGNED = (
    "已签收，签收人：本人",
    "已签收，签收人：家门口",
    "已签收，快件已放入丰巢快递柜，请凭取件码取件",
    "已签收，菜鸟驿站代收，请及时取件",
    "已签收，签收人：门卫",
    "已签收，签收人：公司前台",
)
_EXCEPTIONS = (
    "快件在{hub}滞留，原因：快件量激增，正在加紧处理",
    "快件延误，原因：天气原因，航班取消",
    "收件地址不详，快递员正在联系收件人",
    "快件在{hub}破损，正在核实处理",
)
_DISTRICT_RE = re.compile(r"^(.{2,6}?(?:新区|区|县|街道|镇|市))")


def district_of(detail: str) -> str:
    """The district at the start of an address detail (``浦东新区世纪大道...`` -> ``浦东新区``)."""
    m = _DISTRICT_RE.match(detail)
    return m.group(1) if m else ""


@dataclass(frozen=True)
class RouteStep:
    place: str
    text: str
    state: str


@functools.lru_cache(maxsize=4096)
def _hub_steps(
    name: str, origin: tuple[str, str, str], dest_city: str, station: str, mid: str
) -> tuple[RouteStep, ...]:
    """The scans from pick-up to the delivering station: the same for every parcel on one road
    (cached: the demo seed makes ten thousand routes over a few hundred roads)."""
    _prov, city, district = origin
    o_hub = city.removesuffix("市") + "转运中心"
    d_hub = dest_city.removesuffix("市") + "转运中心"
    # hubs in the order the parcel passes them: (hub, its city)
    hubs = [(o_hub, city)]
    if d_hub != o_hub:
        if mid:
            hubs.append((mid, mid[:2] + "市"))
        hubs.append((d_hub, dest_city))
    steps = [RouteStep(city, f"【{city}】{name}{district}揽投部 已揽收", "picked_up")]
    for k, (hub, hub_city) in enumerate(hubs):
        following = hubs[k + 1][0] if k + 1 < len(hubs) else station
        steps.append(RouteStep(hub_city, f"【{hub_city}】快件已到达 {hub}", "in_transit"))
        steps.append(
            RouteStep(hub_city, f"【{hub_city}】快件已从 {hub} 发出，下一站 {following}", "in_transit")
        )
    steps.append(RouteStep(dest_city, f"【{dest_city}】快件已到达 {station}", "in_transit"))
    return tuple(steps)


def route(
    carrier: str, tracking: str, origin: tuple[str, str, str], dest_city: str, dest_district: str
) -> list[RouteStep]:
    """Every scan a parcel gets from pick-up to signature, in order.

    Made from the tracking number alone (plus where from and to), so that the live demo can carry
    on a parcel that the seeding started: it takes the next step after the events it already has.
    """
    rng = random.Random(f"route-{tracking}")
    _prov, city, _district = origin
    mid = ""
    if city[:2] != dest_city[:2]:
        mids = [m for m in _MID_HUBS if m[:2] not in (city[:2], dest_city[:2])]
        if rng.random() < 0.4 and mids:
            mid = rng.choice(mids)
    station = f"{dest_district or dest_city.removesuffix('市')}营业部"
    steps = list(_hub_steps(CARRIERS.get(carrier, carrier), origin, dest_city, station, mid))
    courier = rng.choice(_COURIER_SURNAMES)
    phone = f"1{rng.choice('3578')}{rng.randrange(10)}****{rng.randrange(10000):04d}"
    steps.append(
        RouteStep(
            dest_city,
            f"【{dest_city}】{station} 派件员：{courier}师傅 电话：{phone} 正在为您派件",
            "out_for_delivery",
        )
    )
    steps.append(RouteStep(dest_city, f"【{dest_city}】{rng.choice(_SIGNED)}", "delivered"))
    return steps


# ============================================================================ plans


@dataclass
class PlannedEvent:
    s_ago: float
    place: str
    text: str
    state: str | None


@dataclass
class PlannedShipment:
    carrier: str
    tracking_no: str
    state: str
    events: list[PlannedEvent]
    created_s_ago: float


@dataclass
class PlannedCase:
    kind: str
    reason: str
    amount_fen: int
    state: str
    #: (seconds ago, text, actor), oldest first
    timeline: list[tuple[float, str, str]]
    created_s_ago: float


@dataclass
class PlannedOrder:
    order_no: str
    buyer_index: int
    shop_key: str
    status: str
    created_s_ago: float
    items: list[dict[str, object]]
    discounts: list[dict[str, object]]
    item_total_fen: int
    shipping_fee_fen: int
    #: what the buyer owes: items - discounts + shipping
    due_fen: int
    paid_fen: int = 0
    paid_s_ago: float | None = None
    shipped_s_ago: float | None = None
    delivered_s_ago: float | None = None
    completed_s_ago: float | None = None
    closed_s_ago: float | None = None
    receiver: tuple[str, str, str, str, str] = ("", "", "", "", "")
    buyer_message: str = ""
    #: deposit_fen, balance_fen, and the *_s_ago of deposit_paid, balance_due_from/until, balance_paid
    presale: dict[str, float | int | None] | None = None
    promised_ship_s_ago: float | None = None
    shipments: list[PlannedShipment] = field(default_factory=list)
    cases: list[PlannedCase] = field(default_factory=list)
    updated_s_ago: float = 0.0


@dataclass
class PlannedBuyer:
    #: ``{"name", "phone", "province", "city", "detail"}``, the default first
    addresses: list[dict[str, str]]
    tags: list[str]
    first_contact_s_ago: float | None
    last_contact_s_ago: float | None
    order_count: int = 0
    total_spent_fen: int = 0


# ----------------------------------------------------------------------------- money


def _order_no(rng: random.Random, platform: str, created_s_ago: float) -> str:
    if platform == "jd":
        return str(rng.randrange(2 * 10**11, 3 * 10**11))
    if platform == "douyin":
        return f"69{rng.randrange(10**17):017d}"
    if platform == "pdd":
        return f"{rng.randrange(230101, 261231)}-{rng.randrange(10**14, 10**15)}"
    if platform == "web":
        return f"WS{rng.randrange(10**11, 10**12)}"
    return str(rng.randrange(10**18, 5 * 10**18))


def _discounts(rng: random.Random, platform: str, subtotal: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for threshold, cut in ((29900, 3000), (19900, 2000), (9900, 1000), (5900, 500)):
        if subtotal >= threshold and rng.random() < 0.35:
            out.append({"label": f"店铺优惠券 满{threshold // 100}减{cut // 100}", "amount_fen": cut})
            break
    if subtotal >= 30000 and rng.random() < 0.3:
        times = min(subtotal // 30000, 5)
        label = {"jd": "京东跨店满减 每满300减40", "douyin": "抖音商城 每满300减40"}.get(
            platform, "跨店满减 每满300减40"
        )
        out.append({"label": label, "amount_fen": int(4000 * times)})
    extra = rng.random()
    if platform in ("taobao", "tmall") and extra < 0.12:
        out.append({"label": "淘金币抵扣", "amount_fen": rng.randrange(50, 600, 10)})
    elif platform == "tmall" and extra < 0.2:
        out.append({"label": "88VIP 95折", "amount_fen": subtotal * 5 // 100})
    elif platform == "jd" and extra < 0.15:
        out.append({"label": "京豆抵扣", "amount_fen": rng.randrange(100, 1000, 100)})
    elif platform == "douyin" and extra < 0.2:
        out.append({"label": "直播间专享券", "amount_fen": rng.choice((500, 1000, 2000))})
    # never more than the goods are worth (a cent at least stays to pay)
    total = 0
    kept = []
    for d in out:
        amount = int(d["amount_fen"])  # type: ignore[call-overload]
        if total + amount < subtotal:
            kept.append(d)
            total += amount
    return kept


_REMOTE = ("新疆维吾尔自治区", "西藏自治区", "青海省", "内蒙古自治区", "黑龙江省")


def _shipping_fee(rng: random.Random, shop_key: str, subtotal: int, province: str) -> int:
    if province in _REMOTE and shop_key in ("snack", "fashion"):
        return 1000  # 偏远地区运费
    if shop_key == "snack" and subtotal < 3900 and rng.random() < 0.6:
        return 600
    return 0


_BUYER_MESSAGES = (
    "请尽快发货，谢谢",
    "不要放驿站，送货上门",
    "送人的，不要放价格单",
    "麻烦开发票，抬头：杭州某某科技有限公司",
    "周末不在家，请工作日派送",
    "麻烦包装好一点，谢谢",
    "能发顺丰吗，可以补运费",
    "放门卫就行",
    "生日礼物，帮忙写个贺卡：生日快乐",
    "和上次一样的，别发错了哦",
)

# ----------------------------------------------------------------------------- after-sale

_REASONS: dict[str, tuple[str, ...]] = {
    "refund_only": ("未收到货", "快递一直不动", "不想要了", "拍错了/多拍了", "商家缺货", "地址填错了"),
    "return_refund": (
        "七天无理由退货", "质量问题", "与商品描述不符", "收到商品破损", "尺码不合适", "不喜欢/效果不好",
    ),
    "exchange": ("尺码不合适，换大一码", "尺码不合适，换小一码", "颜色不喜欢，换个颜色", "收到的款式发错了"),
    "reissue": ("少件/漏发", "收到商品破损，要求补发", "赠品未收到"),
}  # fmt: skip
_PATHS: dict[str, tuple[str, ...]] = {
    "refund_only": ("requested", "approved", "refunded"),
    "return_refund": ("requested", "approved", "awaiting_return", "returned", "refunded"),
    "exchange": ("requested", "approved", "awaiting_return", "returned", "reshipped"),
    "reissue": ("requested", "approved", "reshipped"),
}
_CASE_TEXTS: dict[str, tuple[str, str]] = {
    "requested": ("买家发起{kind}申请，原因：{reason}", "buyer"),
    "approved": ("商家已同意{kind}申请", "staff"),
    "awaiting_return": ("请买家在7天内寄回商品，退货地址已发送", "platform"),
    "returned": ("商家已收到退回的商品，验货无误", "staff"),
    "refunded": ("退款成功，¥{amount}已原路退回", "platform"),
    "reshipped": ("商家已重新发货，新快递单号：{tracking}", "staff"),
    "rejected": ("商家拒绝了申请：商品已签收且不影响二次销售", "staff"),
    "closed": ("买家撤销了售后申请", "buyer"),
}
_KIND_NAMES = {"refund_only": "仅退款", "return_refund": "退货退款", "exchange": "换货", "reissue": "补发"}


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


# ============================================================================ the planner


class _Planner:
    def __init__(
        self,
        rng: random.Random,
        shops: Sequence[DemoShop],
        buyers: Sequence[DemoBuyer],
        account_age_s: Sequence[float],
        staff_ids: dict[str, list[str]],
    ) -> None:
        self.rng = rng
        self.shops = {s.key: s for s in shops}
        self.buyers = buyers
        self.age = account_age_s
        self.staff_ids = staff_ids
        self.catalogues = {key: catalogue(key) for key in self.shops}
        self.bulky = {key: _bulky_codes(key) for key in self.shops}
        self.seen_nos: set[str] = set()
        self.seen_tracking: set[str] = set()
        self.profiles: list[PlannedBuyer] = []
        self.orders: list[PlannedOrder] = []

    # -- people

    def profile(self, index: int) -> PlannedBuyer:
        rng = self.rng
        b = self.buyers[index]
        prefix = b.province if b.province == b.city else b.province + b.city
        addresses = [
            {
                "name": b.name,
                "phone": b.phone,
                "province": b.province,
                "city": b.city,
                "detail": b.address.removeprefix(prefix),
            }
        ]
        for _ in range(_weighted(rng, _EXTRA_ADDRESSES)):
            province, city, full = _address(rng)
            p = province if province == city else province + city
            who = b.name if rng.random() < 0.5 else _person_name(rng)
            addresses.append(
                {
                    "name": who,
                    "phone": b.phone if who == b.name else _phone(rng),
                    "province": province,
                    "city": city,
                    "detail": full.removeprefix(p),
                }
            )
        return PlannedBuyer(addresses, [], None, None)

    # -- one order

    def _new_order_no(self, platform: str, created: float) -> str:
        no = _order_no(self.rng, platform, created)
        while no in self.seen_nos:
            no = _order_no(self.rng, platform, created)
        self.seen_nos.add(no)
        return no

    def _tracking(self, carrier: str) -> str:
        no = tracking_no(self.rng, carrier)
        while no in self.seen_tracking:
            no = tracking_no(self.rng, carrier)
        self.seen_tracking.add(no)
        return no

    def _items(self, shop_key: str, n_lines: int | None = None) -> list[dict[str, object]]:
        rng = self.rng
        skus = self.catalogues[shop_key]
        if n_lines is None:
            n_lines = _weighted(rng, _LINES)
        chosen = rng.sample(skus, min(n_lines, len(skus)))
        return [
            {
                "sku": s.sku,
                "title": s.title,
                "specs": s.specs,
                "quantity": _weighted(rng, _QUANTITIES),
                "unit_price_fen": s.unit_price_fen,
            }
            for s in chosen
        ]

    def order(
        self,
        index: int,
        created: float,
        scenario: str = "",
        n_lines: int | None = None,
        last_event_ago: float | None = None,
        case_state: str | None = None,
        balance_until_ago: float | None = None,
    ) -> PlannedOrder:
        """One order of buyer ``index`` placed ``created`` seconds ago, lived until now.

        ``scenario`` forces a case the demo must show: ``unpaid``, ``stuck`` (last scan
        ``last_event_ago`` seconds ago), ``presale_due`` (balance window open until
        ``balance_until_ago``, a negative number), ``presale_later`` (window not open yet),
        ``aftersale`` (a case now in ``case_state``); empty: whatever chance gives.
        """
        rng = self.rng
        buyer = self.buyers[index]
        shop = self.shops[buyer.shop_key]
        profile = self.profiles[index]
        addr = profile.addresses[0] if rng.random() < 0.8 else rng.choice(profile.addresses)
        receiver = (
            addr["name"],
            addr["phone"],
            addr["province"],
            addr["city"],
            (addr["province"] if addr["province"] == addr["city"] else addr["province"] + addr["city"])
            + addr["detail"],
        )
        items = self._items(shop.key, n_lines)
        subtotal = sum(int(i["quantity"]) * int(i["unit_price_fen"]) for i in items)  # type: ignore[call-overload]
        discounts = _discounts(rng, shop.platform, subtotal)
        fee = _shipping_fee(rng, shop.key, subtotal, addr["province"])
        due = subtotal - sum(int(d["amount_fen"]) for d in discounts) + fee  # type: ignore[call-overload]
        o = PlannedOrder(
            order_no=self._new_order_no(shop.platform, created),
            buyer_index=index,
            shop_key=shop.key,
            status="unpaid",
            created_s_ago=created,
            items=items,
            discounts=discounts,
            item_total_fen=subtotal,
            shipping_fee_fen=fee,
            due_fen=due,
            receiver=receiver,
            buyer_message=rng.choice(_BUYER_MESSAGES) if rng.random() < 0.12 else "",
        )
        self._live(o, scenario, last_event_ago, case_state, balance_until_ago)
        o.updated_s_ago = min(
            t
            for t in (
                o.created_s_ago,
                o.paid_s_ago,
                o.shipped_s_ago,
                o.delivered_s_ago,
                o.completed_s_ago,
                o.closed_s_ago,
            )
            if t is not None
        )
        self.orders.append(o)
        return o

    def _live(
        self,
        o: PlannedOrder,
        scenario: str,
        last_event_ago: float | None,
        case_state: str | None,
        balance_until_ago: float | None,
    ) -> None:
        rng = self.rng
        c = o.created_s_ago
        # --- presale
        presale_ok = o.shop_key in ("baby", "appliance", "fashion") and not scenario
        if scenario.startswith("presale") or (presale_ok and c < 12 * DAY and rng.random() < 0.12):
            deposit = max(100, (o.due_fen * rng.choice((10, 15, 20)) // 100) // 100 * 100)
            deposit = min(deposit, o.due_fen - 1)
            deposit_paid = c - rng.uniform(30, 600)
            if scenario == "presale_due" and balance_until_ago is not None:
                until = balance_until_ago
                start = until + 2 * DAY
            elif scenario == "presale_later":
                start = -rng.uniform(0.5 * DAY, 4 * DAY)
                until = start - 2 * DAY
            else:
                start = c - rng.uniform(2 * DAY, 8 * DAY)
                until = start - 2 * DAY
            o.presale = {
                "deposit_fen": deposit,
                "balance_fen": o.due_fen - deposit,
                "deposit_paid_s_ago": deposit_paid,
                "balance_due_from_s_ago": start,
                "balance_due_until_s_ago": until,
                "balance_paid_s_ago": None,
            }
            o.promised_ship_s_ago = until - rng.uniform(3, 7) * DAY
            if scenario not in ("presale_due", "presale_later") and start > 60:
                # the balance window opened in the past: paid in it, or the order closed at its end
                window_end = max(until, 60.0)
                if rng.random() < 0.85 and start > window_end:
                    paid = rng.uniform(window_end, start)
                    o.presale["balance_paid_s_ago"] = paid
                    self._paid(o, paid, scenario, last_event_ago, case_state)
                elif until > 0:
                    o.status, o.closed_s_ago = "closed", until
            return
        # --- unpaid
        if scenario == "unpaid" or (not scenario and rng.random() < 0.07):
            if c < UNPAID_TIMEOUT_S:
                o.status = "unpaid"
            else:
                o.status, o.closed_s_ago = "closed", c - UNPAID_TIMEOUT_S
            return
        pay_delay = min(rng.expovariate(1 / 300.0), c * 0.9, 3 * HOUR)
        self._paid(o, c - pay_delay, scenario, last_event_ago, case_state)

    def _paid(
        self,
        o: PlannedOrder,
        paid: float,
        scenario: str,
        last_event_ago: float | None,
        case_state: str | None,
    ) -> None:
        rng = self.rng
        o.status, o.paid_s_ago, o.paid_fen = "paid", paid, o.due_fen
        if o.promised_ship_s_ago is None:
            o.promised_ship_s_ago = paid - 48 * HOUR
        if scenario == "stuck" and last_event_ago is not None:
            ship_at = min(last_event_ago + rng.uniform(2 * HOUR, 20 * HOUR), paid - 60)
        elif o.presale is not None:
            # presales go out shortly before the promised date
            ship_at = min(paid - HOUR, o.promised_ship_s_ago + rng.uniform(0, 2 * DAY))
        else:
            slow = rng.random() < 0.15
            ship_at = paid - (rng.uniform(30 * HOUR, 60 * HOUR) if slow else rng.uniform(2 * HOUR, 30 * HOUR))
        if ship_at <= 0:
            # paid, waiting to be shipped; now and then the buyer asks for the money back first
            if rng.random() < 0.1:
                self._case(o, "refund_only", paid * rng.uniform(0.2, 0.9), None, early=True)
            return
        if not scenario and rng.random() < 0.015:
            # an old order refunded before anything went out
            self._case(o, "refund_only", paid - rng.uniform(600, 6 * HOUR), "refunded", early=True)
            return
        self._ship(o, ship_at, scenario, last_event_ago, case_state)

    def _ship(
        self,
        o: PlannedOrder,
        ship_at: float,
        scenario: str,
        last_event_ago: float | None,
        case_state: str | None,
    ) -> None:
        rng = self.rng
        b_province, b_city, detail = o.receiver[2], o.receiver[3], o.receiver[4]
        prefix = b_province if b_province == b_city else b_province + b_city
        district = district_of(detail.removeprefix(prefix))
        bulky_prefixes = self.bulky[o.shop_key]
        bulky = bool(bulky_prefixes) and any(str(i["sku"]).startswith(bulky_prefixes) for i in o.items)
        carrier = pick_carrier(rng, o.shop_key, bulky, o.due_fen)
        number = self._tracking(carrier)
        steps = route(carrier, number, WAREHOUSES.get(o.shop_key, WAREHOUSES["baby"]), b_city, district)
        o.status, o.shipped_s_ago = "shipped", ship_at
        # scan times: pick-up within hours of shipping, then hub to hub
        t = ship_at - rng.uniform(0.1, 0.9) * min(6 * HOUR, ship_at)
        times: list[float] = []
        for i, step in enumerate(steps):
            if i:
                if step.state == "in_transit":
                    t -= rng.uniform(1 * HOUR, 9 * HOUR)
                elif step.state == "out_for_delivery":
                    t -= rng.uniform(3 * HOUR, 12 * HOUR)
                else:
                    t -= rng.uniform(0.5 * HOUR, 5 * HOUR)
            times.append(t)
        if scenario == "aftersale" and times[-1] <= 0:
            # the demo's after-sale cases are on delivered orders: squeeze the trip into the past
            scale = times[0] * 0.6 / (times[0] - times[-1])
            times = [times[0] - (times[0] - x) * scale for x in times]
        if scenario == "stuck" and last_event_ago is not None:
            self._stuck(
                o, carrier, number, steps, times, ship_at, last_event_ago, rng.randrange(1, len(steps) - 2)
            )
            return
        if not scenario and ship_at < 12 * DAY and rng.random() < 0.05:
            # the parcel stopped after some scan; stuck when that scan is more than 48 h old
            keep = rng.randrange(1, len(steps) - 2)
            if times[keep - 1] > STUCK_S:
                self._stuck(o, carrier, number, steps, times, ship_at, times[keep - 1], keep)
                return
        events = [
            PlannedEvent(times[i], steps[i].place, steps[i].text, steps[i].state)
            for i in range(len(steps))
            if times[i] > 0
        ]
        state = events[-1].state or "in_transit"
        o.shipments.append(PlannedShipment(carrier, number, state, events, ship_at))
        if state != "delivered":
            return
        delivered = events[-1].s_ago
        o.status, o.delivered_s_ago = "delivered", delivered
        if scenario == "aftersale" or (not scenario and rng.random() < 0.06):
            kinds = [k for k, path in _PATHS.items() if case_state is None or case_state in path]
            weights = {"return_refund": 45, "refund_only": 20, "exchange": 20, "reissue": 15}
            kind = rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
            self._case(o, kind, delivered - rng.uniform(0.1, 0.7) * min(delivered, 5 * DAY), case_state)
            if o.status != "delivered":
                return
        confirm = delivered - rng.uniform(3 * HOUR, AUTO_CONFIRM_S)
        if o.cases:
            confirm = min(confirm, o.cases[-1].timeline[-1][0] - HOUR)
        if confirm > 0:
            o.status, o.completed_s_ago = "completed", confirm

    def _stuck(
        self,
        o: PlannedOrder,
        carrier: str,
        number: str,
        steps: list[RouteStep],
        times: list[float],
        ship_at: float,
        last_ago: float,
        keep: int,
    ) -> None:
        """The parcel stopped in transit after ``keep`` scans: its newest is ``last_ago`` (> 48 h)
        old, an exception scan (滞留, 延误, 地址不详) now and then."""
        rng = self.rng
        exception = rng.random() < 0.35
        newest_kept = last_ago + rng.uniform(600, 3 * HOUR) if exception else last_ago
        first = min(times[0], ship_at)
        if keep == 1 or first <= newest_kept:
            kept = [newest_kept]
        else:
            scale = (first - newest_kept) / (first - times[keep - 1])
            kept = [first - (first - x) * scale for x in times[:keep]]
        events = [
            PlannedEvent(kept[i], steps[i].place, steps[i].text, steps[i].state) for i in range(len(kept))
        ]
        if exception:
            last = steps[len(kept) - 1]
            hub = last.text.rsplit(" ", 1)[-1] if " " in last.text else last.place
            text = f"【{last.place}】" + rng.choice(_EXCEPTIONS).format(hub=hub)
            events.append(PlannedEvent(last_ago, last.place, text, "exception"))
        o.shipments.append(
            PlannedShipment(carrier, number, events[-1].state or "in_transit", events, ship_at)
        )
        if rng.random() < 0.3:
            # the buyer gave up waiting: a refund for a parcel that never came
            self._case(
                o,
                "refund_only",
                last_ago - rng.uniform(HOUR, DAY),
                None,
                reason=rng.choice(("快递一直不动", "未收到货")),
            )

    def _case(
        self,
        o: PlannedOrder,
        kind: str,
        opened: float,
        wanted_state: str | None,
        early: bool = False,
        reason: str | None = None,
    ) -> None:
        """An after-sale case opened ``opened`` seconds ago; each step takes hours to two days,
        so an old case is finished and a recent one still open (or exactly ``wanted_state``)."""
        rng = self.rng
        if early:
            reason = reason or rng.choice(("不想要了", "拍错了/多拍了", "地址填错了", "商家缺货"))
        reason = reason or rng.choice(_REASONS[kind])
        path = list(_PATHS[kind])
        ending = rng.random()
        if wanted_state in ("rejected", "closed"):
            path = [path[0], wanted_state]
        elif wanted_state is None and ending < 0.08:
            path = [path[0], "rejected"]
        elif wanted_state is None and ending < 0.16:
            path = [path[0], "closed"]
        if wanted_state is not None and wanted_state not in path:
            raise ValueError(f"a {kind} case never is {wanted_state}")
        if kind == "return_refund" and len(o.items) > 1 and rng.random() < 0.6:
            line = rng.choice(o.items)
            amount = min(int(line["unit_price_fen"]), o.paid_fen)  # type: ignore[call-overload]
        else:
            amount = o.paid_fen if kind in ("refund_only", "return_refund") else 0
        staff = rng.choice(self.staff_ids.get(o.shop_key) or ["kf001"])
        timeline: list[tuple[float, str, str]] = []
        t = opened
        for i, state in enumerate(path):
            if i:
                t -= rng.uniform(DAY, 3 * DAY) if state == "returned" else rng.uniform(HOUR, 2 * DAY)
            if wanted_state is None and t <= 0:
                break
            text, actor = _CASE_TEXTS[state]
            tracking = self._tracking(o.shipments[0].carrier) if state == "reshipped" and o.shipments else ""
            words = text.format(
                kind=_KIND_NAMES[kind], reason=reason, amount=_yuan(amount), tracking=tracking
            )
            timeline.append((t, words, staff if actor == "staff" else actor))
            if state == wanted_state:
                break
        if wanted_state is not None and len(timeline) > 1:
            # exactly the wanted state, reached a while ago: spread the steps over the time since
            newest = rng.uniform(60, min(opened * 0.3, 6 * HOUR))
            n = len(timeline)
            timeline = [
                (opened - (opened - newest) * k / (n - 1), text, actor)
                for k, (_t, text, actor) in enumerate(timeline)
            ]
        state = path[len(timeline) - 1]
        o.cases.append(PlannedCase(kind, reason, amount, state, timeline, opened))
        if kind not in ("refund_only", "return_refund"):
            return
        if state in ("requested", "approved", "awaiting_return", "returned"):
            o.status = "refunding"
            o.completed_s_ago = None
        elif state == "refunded" and amount >= o.paid_fen:
            o.status, o.closed_s_ago, o.completed_s_ago = "closed", timeline[-1][0], None
        # rejected, withdrawn or a partial refund: the order stays where its own times put it

    # -- whole histories

    def history(self, index: int, n: int) -> None:
        rng = self.rng
        span = min(self.age[index], HISTORY_DAYS * DAY)
        for _ in range(n):
            r = rng.random()
            if r < 0.10:
                created = rng.uniform(120, min(3 * DAY, span))
            elif r < 0.30:
                created = rng.uniform(3 * DAY, max(3 * DAY + 1, min(30 * DAY, span)))
            else:
                created = rng.uniform(min(30 * DAY, span * 0.5), span)
            self.order(index, created)


def plan_orders(
    rng: random.Random,
    shops: Sequence[DemoShop],
    buyers: Sequence[DemoBuyer],
    account_age_s: Sequence[float],
    focus: dict[int, str] | None = None,
    staff_ids: dict[str, list[str]] | None = None,
    big: bool = True,
) -> tuple[list[PlannedOrder], list[PlannedBuyer]]:
    """Orders of ``buyers`` (each at most ``account_age_s[i]`` old) and their extra profile.

    ``focus``: buyer index -> skill group of a waiting or open conversation; those buyers get the
    demo's cases first (after-sale buyers: stuck parcels and open cases; presale buyers: unpaid
    orders and presales due). ``staff_ids``: shop key -> staff ids who act in after-sale timelines.
    ``big``: add the buyer with ~500 orders, a few with dozens, and the 200-line order.
    """
    p = _Planner(rng, shops, buyers, account_age_s, staff_ids or {})
    p.profiles = [p.profile(i) for i in range(len(buyers))]
    focus = focus or {}
    for i in range(len(buyers)):
        n = _weighted(rng, _ORDERS_PER_BUYER)
        if i in focus:
            n = max(n, 1)
        p.history(i, n)

    by_shop: dict[str, list[int]] = {}
    for i, b in enumerate(buyers):
        by_shop.setdefault(b.shop_key, []).append(i)
    for key, members in by_shop.items():
        after = [i for i in members if focus.get(i) in ("aftersale", "complaint")]
        pre = [i for i in members if focus.get(i) == "presale"]
        rest = [i for i in members if i not in focus]
        rng.shuffle(rest)

        def take(pool: list[int], _rest: list[int] = rest, _all: list[int] = members) -> int:
            # conversation buyers first, then buyers not used yet, then anyone (a small demo)
            if pool:
                return pool.pop()
            return _rest.pop() if _rest else rng.choice(_all)

        for ago in (
            3 * 60,
            20 * 60,
            45 * 60,
            2 * HOUR,
            5 * HOUR,
            9 * HOUR,
            11.5 * HOUR,
            16 * HOUR,
            22 * HOUR,
        ):
            p.order(take(pre), ago, "unpaid")
        for last in (50 * HOUR, 60 * HOUR, 80 * HOUR, 5 * DAY, 30 * HOUR):
            p.order(take(after), last + rng.uniform(DAY, 2 * DAY), "stuck", last_event_ago=last)
        if key in ("baby", "appliance", "fashion"):
            for until in (3 * HOUR, 10 * HOUR, 20 * HOUR, 40 * HOUR):
                p.order(take(pre), rng.uniform(3 * DAY, 6 * DAY), "presale_due", balance_until_ago=-until)
            for _ in range(2):
                p.order(take(pre), rng.uniform(HOUR, 2 * DAY), "presale_later")
        for state in ("requested", "approved", "awaiting_return", "returned", "requested", "approved"):
            p.order(take(after), rng.uniform(4 * DAY, 9 * DAY), "aftersale", case_state=state)

    if big and by_shop:
        # the heavy buyers: ~500 orders (snacks, every week for years), dozens for a few more.
        # Buyers of open conversations first (the oldest accounts among them), so that the agent
        # meets the long lists in the queue, not only through search.
        oldest = sorted(range(len(buyers)), key=lambda i: (i not in focus, -account_age_s[i]))
        heavy_shop = "snack" if "snack" in by_shop else next(iter(by_shop))
        heavy = next(i for i in oldest if buyers[i].shop_key == heavy_shop)
        p.history(heavy, 500)
        for key in by_shop:
            for i in [j for j in oldest if buyers[j].shop_key == key and j != heavy][:2]:
                p.history(i, rng.randrange(30, 60))
        wholesale_shop = "fashion" if "fashion" in by_shop else heavy_shop
        reseller = next(i for i in oldest if buyers[i].shop_key == wholesale_shop and i != heavy)
        big_order = p.order(reseller, rng.uniform(20 * DAY, 40 * DAY), "", n_lines=200)
        big_order.buyer_message = "小店进货，每款每色每码各一件，麻烦分箱装，谢谢"
        p.profiles[reseller].tags.append("批发客户")
        p.profiles[heavy].tags.append("囤货达人")

    _finish_profiles(rng, p, buyers, account_age_s, focus)
    return p.orders, p.profiles


def _finish_profiles(
    rng: random.Random,
    p: _Planner,
    buyers: Sequence[DemoBuyer],
    account_age_s: Sequence[float],
    focus: dict[int, str],
) -> None:
    """Tags, first and last contact and lifetime figures, from the orders just planned."""
    per_buyer: dict[int, list[PlannedOrder]] = {}
    for o in p.orders:
        per_buyer.setdefault(o.buyer_index, []).append(o)
    for i, profile in enumerate(p.profiles):
        mine = per_buyer.get(i, [])
        paid = [o for o in mine if o.paid_s_ago is not None]
        profile.order_count = len(paid)
        profile.total_spent_fen = sum(o.paid_fen for o in paid)
        tags = profile.tags
        if len(paid) >= 5:
            tags.append("老客户")
        if mine and max(o.created_s_ago for o in mine) < 30 * DAY:
            tags.append("新客")
        if sum(1 for o in mine for c in o.cases if c.kind == "return_refund") >= 2:
            tags.append("退货较多")
        if focus.get(i) == "complaint" or rng.random() < 0.03:
            tags.append("曾投诉")
        if rng.random() < 0.05:
            tags.append("爱砍价")
        if rng.random() < 0.08:
            tags.append("大促敏感")
        if buyers[i].shop_key == "baby" and rng.random() < 0.3:
            tags.append("宝妈")
        if mine:
            first = max(o.created_s_ago for o in mine) + rng.uniform(60, 2 * DAY)
            profile.first_contact_s_ago = min(first, account_age_s[i])
            profile.last_contact_s_ago = max(0.0, min(o.created_s_ago for o in mine) - rng.uniform(0, HOUR))
        elif rng.random() < 0.6:
            first = rng.uniform(0, account_age_s[i])
            profile.first_contact_s_ago = first
            profile.last_contact_s_ago = rng.uniform(0, first)
