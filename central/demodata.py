"""Believable demo data for the central service's demo mode.

Pure standard library: no database, no Qt, no web framework. The service calls these functions to
seed a fresh database (shops, staff, buyers, a history of conversations, quick phrases, orders with
tracking timelines) and, while the demo runs, asks :class:`TrafficModel` what a buyer does next, so
that a new user sees queues fill up, buyers grow impatient, agents race for claims and, when asked
for, a complaint spike that trips the supervisor's alert.

Everything is driven by the ``random.Random`` the caller passes in: the same seed gives the same
data, which keeps tests and screenshots reproducible. Nothing reads the global random state.

Buyers belong to shops by position: buyer ``i`` of ``demo_buyers(rng, n, shops)`` belongs to
``shops[i % len(shops)]``. That rule lets :func:`demo_conversations` and :class:`TrafficModel`
pick a buyer of the right shop knowing only how many buyers there are (see :func:`buyer_shop_index`).

Messages are assembled from templates with slots (product, variant, price, order number, courier,
tracking number, dates ...) per shop catalogue and per topic, then dressed the way buyers type on
Taobao: 在吗, 亲, stray question marks, emoji, pinyin, pasted links. A conversation keeps one topic
and one product; a buyer template may carry its fitting answer after a ``|``, so the agent's replies
answer what the buyer asked, and nobody repeats a line word for word.

Times are offsets (seconds after a conversation opened, seconds before now), never datetimes: the
caller anchors them to its clock.
"""

from __future__ import annotations

import math
import random
import re
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

DEMO_PASSWORD = "demo1234"

GROUPS: tuple[str, ...] = ("presale", "aftersale", "complaint")
#: how often a new conversation lands in each skill group: most buyers ask before buying, a good
#: share chase their parcel or want a refund, a few are angry
GROUP_WEIGHTS: tuple[float, ...] = (0.5, 0.38, 0.12)


# ============================================================================ shops and catalogues


@dataclass(frozen=True)
class DemoShop:
    key: str
    name: str
    #: one of ``wsprotocol.Platform``
    platform: str


@dataclass(frozen=True)
class _Product:
    name: str
    price_low: float
    price_high: float
    variants: tuple[str, ...]


@dataclass(frozen=True)
class _Catalogue:
    #: which family of product questions applies (baby, snack, appliance, fashion, generic)
    kind: str
    products: tuple[_Product, ...]


_SHOPS: tuple[DemoShop, ...] = (
    DemoShop("baby", "贝乐宝母婴旗舰店", "tmall"),
    DemoShop("snack", "馋嘴猫零食铺", "taobao"),
    DemoShop("appliance", "暖居小家电京东专营店", "jd"),
    DemoShop("fashion", "衣见倾心女装", "douyin"),
)

#: shop key -> platform of the demo shops
SHOP_PLATFORMS: dict[str, str] = {shop.key: shop.platform for shop in _SHOPS}
# Where each demo shop ships from (its warehouse city).
_ORIGIN: dict[str, str] = {"baby": "杭州市", "snack": "嘉兴市", "appliance": "佛山市", "fashion": "广州市"}

_CATALOGUES: dict[str, _Catalogue] = {
    "baby": _Catalogue(
        "baby",
        (
            _Product("超薄透气纸尿裤", 79, 169, ("NB码", "S码", "M码", "L码", "XL码", "XXL码")),
            _Product("婴儿手口湿巾80抽", 19.9, 59.9, ("5包装", "10包装", "20包整箱")),
            _Product("宽口径PPSU奶瓶", 89, 168, ("160ml", "240ml", "300ml")),
            _Product("高景观婴儿推车", 899, 1999, ("月光灰", "星空蓝", "燕麦色")),
            _Product("儿童安全座椅", 1299, 2699, ("ISOFIX款", "安全带款")),
            _Product("电动吸奶器", 299, 599, ("单边款", "双边款")),
            _Product("纯棉婴儿连体衣", 59, 129, ("59码", "66码", "73码", "80码", "90码")),
            _Product("宝宝辅食机", 269, 459, ("标准款", "升级款")),
            _Product("婴儿洗衣液", 29.9, 69.9, ("1L", "2L", "补充装")),
            _Product("婴儿爬行垫", 99, 299, ("1.8米", "2米", "折叠款")),
        ),
    ),
    "snack": _Catalogue(
        "snack",
        (
            _Product("每日坚果", 69, 129, ("30包礼盒", "15包装", "混合装750g")),
            _Product("风干牛肉干", 39.9, 89, ("香辣味", "五香味", "孜然味", "250g", "500g")),
            _Product("芒果干", 19.9, 39.9, ("100g*3袋", "500g大包")),
            _Product("手撕面包", 29.9, 45, ("1kg整箱", "2kg整箱")),
            _Product("靖江猪肉脯", 35, 69, ("原味", "蜜汁味", "黑椒味")),
            _Product("柳州螺蛳粉", 39.9, 59.9, ("5袋装", "10袋装", "加辣版")),
            _Product("奶香巴旦木", 29.9, 59.9, ("250g", "500g")),
            _Product("辣条大礼包", 19.9, 39.9, ("30包", "60包")),
            _Product("奶油夏威夷果", 35, 68, ("500g", "送开口器")),
            _Product("黑糖话梅", 12.9, 25.9, ("无核款", "带核款")),
        ),
    ),
    "appliance": _Catalogue(
        "appliance",
        (
            _Product("智能电饭煲", 199, 499, ("3L", "4L", "5L")),
            _Product("无油空气炸锅", 239, 459, ("5L", "6.5L可视款")),
            _Product("电热水壶", 79, 159, ("1.7L", "1.5L保温款")),
            _Product("静音破壁料理机", 399, 899, ("标准款", "加热款")),
            _Product("高速吹风机", 199, 599, ("白色", "樱花粉", "负离子款")),
            _Product("上加水加湿器", 129, 299, ("4L", "6L")),
            _Product("扫拖一体机器人", 999, 2999, ("基础款", "自动集尘款")),
            _Product("踢脚线电暖器", 259, 599, ("2200W", "遥控款")),
            _Product("声波电动牙刷", 129, 299, ("黑色", "白色", "送4个刷头")),
            _Product("多功能料理锅", 159, 329, ("单锅", "双锅套装")),
        ),
    ),
    "fashion": _Catalogue(
        "fashion",
        (
            _Product("法式碎花连衣裙", 129, 269, ("蓝色S", "蓝色M", "杏色M", "杏色L", "杏色XL")),
            _Product("高腰直筒牛仔裤", 99, 189, ("25", "26", "27", "28", "29")),
            _Product("羊毛混纺大衣", 399, 899, ("驼色S", "驼色M", "黑色L")),
            _Product("宽松针织开衫", 89, 169, ("米白均码", "雾霾蓝均码")),
            _Product("纯棉短袖T恤", 39, 79, ("白色M", "黑色L", "灰色XL")),
            _Product("轻薄羽绒服", 499, 999, ("S", "M", "L", "XL")),
            _Product("垂感阔腿西装裤", 119, 199, ("S", "M", "L")),
        ),
    ),
}

_GENERIC = _Catalogue(
    "generic",
    (
        _Product("收纳盒", 19.9, 59.9, ("小号", "中号", "大号")),
        _Product("保温杯", 59, 139, ("350ml", "500ml")),
        _Product("四件套", 129, 399, ("1.5米床", "1.8米床")),
    ),
)


def demo_shops() -> list[DemoShop]:
    """The demo shops: a Tmall baby-products flagship, a Taobao snacks shop, a JD small-appliance
    shop and a Douyin women's clothing shop."""
    return list(_SHOPS)


def _catalogue(shop: DemoShop) -> _Catalogue:
    # A shop the service made up itself still gets believable (if generic) messages.
    return _CATALOGUES.get(shop.key, _GENERIC)


# ============================================================================ staff


@dataclass(frozen=True)
class DemoUser:
    staff_id: str
    display_name: str
    #: one of ``wsprotocol.Role``
    role: str
    shop_keys: tuple[str, ...]
    groups: tuple[str, ...]
    password: str


_AGENT_NAMES = (
    "小美", "阿杰", "晓雯", "大鹏", "糖糖", "木子", "阿珍", "小鹿", "橙子", "阿强",
    "七七", "小雨", "暖暖", "阿飞", "豆豆", "可乐", "一一", "阿琳", "米粒", "小北",
)  # fmt: skip


def demo_users() -> list[DemoUser]:
    """20 agents ``kf001``..``kf020``, supervisors ``zg01`` and ``zg02``, and ``admin``.

    ``kf001`` and ``kf002`` serve every shop in presale and aftersale, so that the demo (logged in
    as kf001) and a second workstation (kf002) see the same queues and can race for claims. The
    others are spread so that every shop has at least two agents in every group.
    """
    keys = tuple(shop.key for shop in _SHOPS)
    n = len(keys)
    users: list[DemoUser] = []
    for i, name in enumerate(_AGENT_NAMES, start=1):
        staff_id = f"kf{i:03d}"
        if i <= 2:
            shops: tuple[str, ...] = keys
            groups: tuple[str, ...] = ("presale", "aftersale")
        else:
            # Agents 3..20 rotate over the shops; every other one also helps a neighbouring shop,
            # the way small teams cover for each other. Groups rotate so each shop gets complaint
            # handlers too (checked by the tests).
            j = i - 3
            shops = (keys[j % n],) if j % 2 else (keys[j % n], keys[(j + 1) % n])
            groups = (("presale",), ("aftersale",), ("aftersale", "complaint"), ("presale", "complaint"))[
                (j // n) % 4
            ]
        users.append(DemoUser(staff_id, name, "agent", shops, groups, DEMO_PASSWORD))
    users.append(DemoUser("zg01", "王丽萍", "supervisor", keys, GROUPS, DEMO_PASSWORD))
    users.append(DemoUser("zg02", "陈志刚", "supervisor", keys, GROUPS, DEMO_PASSWORD))
    users.append(DemoUser("admin", "系统管理员", "admin", keys, GROUPS, DEMO_PASSWORD))
    return users


# ============================================================================ buyers


@dataclass(frozen=True)
class DemoBuyer:
    shop_key: str
    nickname: str
    name: str
    #: 11 digits, ``1[3-9]xxxxxxxxx``
    phone: str
    province: str
    city: str
    #: the full street address including province, city and district
    address: str
    vip_level: int


_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "慕容")
_GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌宇浩凯婷雪琳晨欣怡子涵梓轩一诺"
    "思雨佳慧嘉豪俊峰晓燕海波志强淑珍美玲振宁春梅冬梅秋月雅琴宏伟家乐天佑若曦可馨梦瑶欣然浩然"
)
# (province, [(city, [districts])]); municipalities repeat their name as the city, as addresses do.
_REGIONS: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    ("北京市", (("北京市", ("朝阳区", "海淀区", "丰台区", "东城区", "通州区", "昌平区")),)),
    ("上海市", (("上海市", ("浦东新区", "徐汇区", "闵行区", "静安区", "宝山区", "杨浦区")),)),
    ("天津市", (("天津市", ("南开区", "河西区", "滨海新区", "和平区")),)),
    ("重庆市", (("重庆市", ("渝中区", "江北区", "沙坪坝区", "九龙坡区", "渝北区")),)),
    ("广东省", (
        ("广州市", ("天河区", "越秀区", "海珠区", "白云区", "番禺区")),
        ("深圳市", ("南山区", "福田区", "宝安区", "龙岗区", "龙华区")),
        ("东莞市", ("南城街道", "东城街道", "长安镇", "虎门镇")),
        ("佛山市", ("禅城区", "南海区", "顺德区")),
    )),
    ("浙江省", (
        ("杭州市", ("西湖区", "拱墅区", "余杭区", "滨江区", "萧山区")),
        ("宁波市", ("鄞州区", "海曙区", "江北区")),
        ("温州市", ("鹿城区", "瓯海区", "龙湾区")),
        ("嘉兴市", ("南湖区", "秀洲区")),
    )),
    ("江苏省", (
        ("南京市", ("鼓楼区", "玄武区", "江宁区", "建邺区")),
        ("苏州市", ("姑苏区", "工业园区", "吴中区", "昆山市")),
        ("无锡市", ("梁溪区", "滨湖区", "新吴区")),
    )),
    ("山东省", (
        ("济南市", ("历下区", "市中区", "槐荫区")),
        ("青岛市", ("市南区", "崂山区", "黄岛区", "李沧区")),
        ("烟台市", ("芝罘区", "莱山区")),
    )),
    ("河南省", (("郑州市", ("金水区", "二七区", "中原区", "郑东新区")), ("洛阳市", ("西工区", "洛龙区")))),
    ("湖北省", (("武汉市", ("武昌区", "江汉区", "洪山区", "汉阳区")), ("宜昌市", ("西陵区", "伍家岗区")))),
    ("湖南省", (("长沙市", ("岳麓区", "芙蓉区", "雨花区", "开福区")), ("株洲市", ("天元区", "芦淞区")))),
    ("四川省", (("成都市", ("武侯区", "锦江区", "高新区", "青羊区", "双流区")), ("绵阳市", ("涪城区",)))),
    ("福建省", (("福州市", ("鼓楼区", "仓山区", "晋安区")), ("厦门市", ("思明区", "湖里区", "集美区")))),
    ("河北省", (("石家庄市", ("长安区", "裕华区", "桥西区")), ("秦皇岛市", ("海港区", "北戴河区")))),
    ("陕西省", (("西安市", ("雁塔区", "碑林区", "未央区", "长安区")),)),
    ("辽宁省", (("沈阳市", ("和平区", "沈河区", "浑南区")), ("大连市", ("中山区", "甘井子区", "沙河口区")))),
    ("安徽省", (("合肥市", ("蜀山区", "包河区", "庐阳区")), ("芜湖市", ("镜湖区", "鸠江区")))),
    ("江西省", (("南昌市", ("东湖区", "红谷滩区", "青山湖区")),)),
    ("广西壮族自治区", (("南宁市", ("青秀区", "西乡塘区")), ("柳州市", ("城中区", "柳南区")))),
    ("云南省", (("昆明市", ("五华区", "盘龙区", "官渡区")),)),
    ("黑龙江省", (("哈尔滨市", ("南岗区", "道里区", "香坊区")),)),
    ("新疆维吾尔自治区", (("乌鲁木齐市", ("天山区", "沙依巴克区", "新市区")),)),
)  # fmt: skip
# Weights roughly follow online-shopping volume: the coast buys most.
_REGION_WEIGHTS = (6, 6, 2, 3, 12, 11, 9, 5, 4, 4, 3, 4, 3, 3, 3, 2, 2, 2, 2, 2, 1, 1)
_ROADS = (
    "人民路", "解放路", "中山路", "建设路", "长江路", "和平路", "新华路", "文化路", "青年路", "南京路",
    "学府路", "幸福路", "东风路", "胜利路", "滨江大道", "科技路", "花园路", "朝阳路", "光明路", "迎宾大道",
)  # fmt: skip
_ESTATE_WORDS = (
    "阳光", "锦绣", "碧桂", "万科", "金色", "翡翠", "紫荆", "幸福", "绿地", "东方", "华府", "龙湖",
)  # fmt: skip
_ESTATE_KINDS = ("花园", "小区", "家园", "公寓", "名苑", "城", "新村", "雅苑")
_PHONE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150", "151",
    "152", "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180",
    "181", "182", "183", "185", "186", "187", "188", "189", "191", "195", "198", "199",
)  # fmt: skip
_PINYIN = (
    "xiao", "mei", "li", "wang", "zhang", "chen", "yang", "huang", "lin", "liu", "jie", "ming", "hua",
    "yu", "xin", "ting", "hao", "qing", "fang", "jing", "lei", "tao", "bao", "bei", "duo", "tian",
)  # fmt: skip
_EN_WORDS = ("sunny", "lucky", "candy", "kiki", "momo", "coco", "tony", "lily", "jack", "amy", "vivi", "leo")
_NICK_ADJ = (
    "可爱的", "快乐", "爱笑的", "安静的", "暴躁", "佛系", "迷糊", "小小", "胖胖", "元气", "懒懒的", "追风",
)  # fmt: skip
_NICK_NOUN = (
    "小猪", "兔子", "猫咪", "小熊", "布丁", "团子", "柠檬", "桃子", "芒果", "奶茶", "喵喵", "小鱼", "豆包",
)  # fmt: skip
_NICK_VERB = ("爱吃", "想吃", "不吃", "偷吃", "要吃")
_NICK_FOOD = ("鱼", "草莓", "火锅", "西瓜", "辣条", "糖", "蛋糕", "饺子", "薯片", "冰淇淋")


def buyer_shop_index(buyer_index: int, n_shops: int) -> int:
    """Which shop (by position in the shop list) a buyer belongs to."""
    return buyer_index % n_shops


def pick_buyer(rng: random.Random, shop_position: int, n_shops: int, n_buyers: int) -> int:
    """A random buyer index belonging to the shop at ``shop_position``."""
    count = (n_buyers - shop_position + n_shops - 1) // n_shops
    if count <= 0:
        raise ValueError(f"no buyers for shop position {shop_position} among {n_buyers}")
    return shop_position + n_shops * rng.randrange(count)


def _person_name(rng: random.Random) -> str:
    surname = rng.choice(_COMPOUND_SURNAMES) if rng.random() < 0.01 else rng.choice(_SURNAMES)
    given = rng.choice(_GIVEN_CHARS)
    if rng.random() < 0.7:
        given += rng.choice(_GIVEN_CHARS)
    return surname + given


def _nickname(rng: random.Random, name: str) -> str:
    pattern = rng.randrange(9)
    if pattern == 0:
        return f"tb{rng.randrange(10**8, 10**10)}"
    if pattern == 1:
        return f"tb_{rng.choice(_PINYIN)}{rng.choice(_PINYIN)}{rng.randrange(100, 9999)}"
    if pattern == 2:
        return f"{rng.choice(_NICK_NOUN)}{rng.choice(_NICK_VERB)}{rng.choice(_NICK_FOOD)}"
    if pattern == 3:
        return f"{rng.choice(_NICK_ADJ)}{rng.choice(_NICK_NOUN)}"
    if pattern == 4:
        return f"{rng.choice(_PINYIN)}{rng.choice(_PINYIN)}{rng.randrange(1975, 2008)}"
    if pattern == 5:
        return f"{rng.choice(_EN_WORDS)}_{rng.choice(_NICK_NOUN)}{rng.randrange(10, 99)}"
    if pattern == 6:
        return f"{name[-1]}{rng.choice(('宝妈', '妈妈', '爸爸', '姐姐', '小可爱'))}{rng.randrange(1, 999)}"
    if pattern == 7:
        return f"{rng.choice(_EN_WORDS).capitalize()}{rng.choice(('ye', 'xx', '520', '1314', '666'))}"
    return f"{rng.choice(_NICK_ADJ)}{rng.choice(_PINYIN)}{rng.randrange(10, 999)}"


def _phone(rng: random.Random) -> str:
    return rng.choice(_PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def _address(rng: random.Random) -> tuple[str, str, str]:
    province, cities = rng.choices(_REGIONS, weights=_REGION_WEIGHTS)[0]
    city, districts = rng.choice(cities)
    district = rng.choice(districts)
    road = rng.choice(_ROADS)
    number = rng.randrange(1, 999)
    if rng.random() < 0.75:
        estate = rng.choice(_ESTATE_WORDS) + rng.choice(_ESTATE_KINDS)
        detail = (
            f"{estate}{rng.randrange(1, 30)}栋{rng.randrange(1, 6)}单元"
            f"{rng.randrange(1, 33)}{rng.randrange(1, 5):02d}室"
        )
    else:
        detail = rng.choice(("菜鸟驿站", "丰巢快递柜", "公司前台", "门卫室", "小区南门快递点"))
    prefix = province if province == city else province + city
    return province, city, f"{prefix}{district}{road}{number}号{detail}"


def demo_buyers(
    rng: random.Random, n: int = 5000, shops: Sequence[DemoShop] | None = None
) -> list[DemoBuyer]:
    """``n`` buyers; buyer ``i`` belongs to ``shops[i % len(shops)]`` (the demo shops by default).

    Nicknames are unique within a shop (a platform account name is unique), phone numbers look
    like real Chinese mobile numbers, addresses are real provinces, cities and districts.
    """
    shop_list = list(shops) if shops is not None else demo_shops()
    taken: dict[str, set[str]] = {shop.key: set() for shop in shop_list}
    buyers: list[DemoBuyer] = []
    levels = (0, 1, 2, 3, 4, 5)
    level_weights = (40, 25, 15, 10, 7, 3)
    for i in range(n):
        shop = shop_list[buyer_shop_index(i, len(shop_list))]
        name = _person_name(rng)
        nickname = _nickname(rng, name)
        used = taken[shop.key]
        while nickname in used:
            # Platforms make a taken name unique by appending digits; so do we.
            nickname = f"{nickname}{rng.randrange(10)}"
        used.add(nickname)
        province, city, address = _address(rng)
        vip = rng.choices(levels, weights=level_weights)[0]
        buyers.append(DemoBuyer(shop.key, nickname, name, _phone(rng), province, city, address, vip))
    return buyers


# ============================================================================ message templates
#
# A template is a string with ``{slot}`` markers; :class:`_Ctx` fills them. Slots that name the
# thing being talked about (product, variant, order, courier, tracking) are sticky within one
# context, so a conversation keeps talking about the same order; numbers are drawn fresh.

_COURIERS = ("顺丰", "中通", "圆通", "韵达", "申通", "京东物流", "极兔", "邮政EMS")
_EMOJI = (
    "😭", "😡", "🙏", "😊", "👍", "🤔", "😂", "🥺", "😤", "❤️", "[微笑]", "[大哭]", "[抓狂]", "[可怜]",
    "[OK]", "/:^_^", "[捂脸]", "[疑问]",
)  # fmt: skip
_CITIES = (
    "北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "郑州", "沈阳", "乌鲁木齐", "秦皇岛",
)  # fmt: skip
_ANGRY_EMOJI = ("😡", "😤", "[抓狂]", "💢", "👎", "[怒]")


class _Ctx:
    """Fills template slots for one shop; sticky values describe one conversation's subject."""

    def __init__(self, rng: random.Random, shop: DemoShop) -> None:
        self.rng = rng
        self.shop = shop
        self.catalogue = _catalogue(shop)
        self.sticky: dict[str, str] = {}
        self._product: _Product | None = None
        #: the answer that fits the buyer's last question, if its template had one
        self.pending_answer = ""
        #: templates used so far in this conversation
        self.used: set[str] = set()

    # -- the subject of the conversation
    @property
    def product(self) -> _Product:
        if self._product is None:
            self._product = self.rng.choice(self.catalogue.products)
        return self._product

    def price(self) -> str:
        p = self.product
        value = self.rng.uniform(p.price_low, p.price_high)
        # Shops price at .9 and whole numbers, never 137.43.
        if value < 100:
            return f"{math.floor(value) + 0.9:.1f}" if self.rng.random() < 0.6 else str(round(value))
        return str(round(value / 10) * 10 - self.rng.choice((0, 1, 1, 0)))

    def order_no(self) -> str:
        length = self.rng.choice((18, 19))
        return str(self.rng.randrange(1, 5)) + "".join(str(self.rng.randrange(10)) for _ in range(length - 1))

    def courier(self) -> str:
        if self.shop.platform == "jd" and self.rng.random() < 0.7:
            return "京东物流"
        return self.rng.choice(_COURIERS)

    def tracking(self) -> str:
        courier = self.sticky.get("courier") or self.fill_slot("courier")
        digits = "".join(str(self.rng.randrange(10)) for _ in range(13))
        prefixes = {"顺丰": "SF", "圆通": "YT", "京东物流": "JDVA", "极兔": "JT", "中通": "7", "韵达": "43"}
        return prefixes.get(courier, "9") + digits

    def item_id(self) -> str:
        return str(self.rng.randrange(520000000000, 760000000000))

    def date(self) -> str:
        return f"{self.rng.randrange(1, 13)}月{self.rng.randrange(1, 29)}号"

    def choose(self, pool: Sequence[str]) -> str:
        """A random entry of ``pool``, preferring ones this context has not used yet."""
        fresh = [p for p in pool if p not in self.used]
        pick = self.rng.choice(fresh or pool)
        self.used.add(pick)
        return pick

    def fill_slot(self, name: str) -> str:
        if name in self.sticky:
            return self.sticky[name]
        maker = _SLOTS.get(name)
        if maker is None:
            raise KeyError(f"unknown template slot {{{name}}}")
        value = maker(self)
        if name in _STICKY:
            self.sticky[name] = value
        return value

    def fill(self, template: str) -> str:
        return _SLOT_RE.sub(lambda m: self.fill_slot(m.group(1)), template)


_SLOT_RE = re.compile(r"\{(\w+)\}")
_STICKY = frozenset(
    {"product", "variant", "order", "courier", "tracking", "item", "variant2", "address", "phone", "name"}
)


def _variant(ctx: _Ctx) -> str:
    return ctx.rng.choice(ctx.product.variants)


def _other_variant(ctx: _Ctx) -> str:
    current = ctx.fill_slot("variant")
    others = [v for v in ctx.product.variants if v != current]
    return ctx.rng.choice(others) if others else current


def _shop_link(ctx: _Ctx) -> str:
    item = ctx.fill_slot("item")
    if ctx.shop.platform == "jd":
        return f"https://item.jd.com/{item[:11]}.html"
    if ctx.shop.platform == "douyin":
        return f"https://v.douyin.com/{_token(ctx.rng, 7)}/"
    return f"https://item.taobao.com/item.htm?id={item}"


_TOKEN_CHARS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _token(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(_TOKEN_CHARS) for _ in range(length))


def _tb_password(ctx: _Ctx) -> str:
    # What the Taobao app puts on the clipboard when a buyer shares an item.
    code = _token(ctx.rng, 8)
    return (
        f"【淘宝】https://m.tb.cn/h.{code}?tk={code[::-1]} CZ{ctx.rng.randrange(1000, 9999)} "
        f"「{ctx.fill_slot('product')}」点击链接直接打开 或者 淘宝搜索直接打开"
    )


_SLOTS: dict[str, Callable[[_Ctx], str]] = {
    "product": lambda c: c.product.name,
    "variant": _variant,
    "variant2": _other_variant,
    "price": lambda c: c.price(),
    "order": lambda c: c.order_no(),
    "courier": lambda c: c.courier(),
    "tracking": lambda c: c.tracking(),
    "item": lambda c: c.item_id(),
    "link": _shop_link,
    "tbpass": _tb_password,
    "date": lambda c: c.date(),
    "n": lambda c: str(c.rng.randrange(2, 6)),
    "days": lambda c: str(c.rng.choice((2, 3, 3, 4, 5, 6, 7, 10))),
    "hours": lambda c: str(c.rng.choice((24, 48, 72))),
    "full": lambda c: str(c.rng.choice((99, 149, 199, 299, 399))),
    "off": lambda c: str(c.rng.choice((5, 10, 15, 20, 30, 50))),
    "deposit": lambda c: str(c.rng.choice((10, 20, 30, 50, 100))),
    "height": lambda c: str(c.rng.randrange(150, 178)),
    "weight": lambda c: str(c.rng.randrange(85, 150)),
    "months": lambda c: str(c.rng.randrange(1, 24)),
    "babykg": lambda c: str(c.rng.randrange(8, 30)),
    "people": lambda c: str(c.rng.randrange(2, 7)),
    "city": lambda c: c.rng.choice(_CITIES),
    "emoji": lambda c: c.rng.choice(_EMOJI),
    "angry": lambda c: c.rng.choice(_ANGRY_EMOJI),
    "time": lambda c: c.rng.choice(("今天", "昨天", "前天", "上周", "这周一", "双十一那天")),
    "pct": lambda c: str(c.rng.choice((10, 20, 30, 50))),
    "address": lambda c: _address(c.rng)[2],
    "origin": lambda c: _ORIGIN.get(c.shop.key, "杭州市"),
    "phone": lambda c: _phone(c.rng),
    "name": lambda c: _person_name(c.rng),
    "watt": lambda c: str(c.rng.choice((600, 800, 1200, 1500, 1800, 2000, 2200))),
}  # fmt: skip

# ---------------------------------------------------------------------------- buyer templates
# Product questions differ per kind of shop. A template may carry the answer an agent gives to it
# after a "|": a conversation that opens with that question gets that answer first.
_SPEC_Q: dict[str, tuple[str, ...]] = {
    "baby": (
        "{product}适合多大的宝宝用|亲，{product}适合0-3岁的宝宝哦，按宝宝体重选规格就可以呢",
        "宝宝{months}个月了，{babykg}斤，{product}拍{variant}合适吗|亲，按宝宝{babykg}斤的话建议拍{variant}哦，"
        "宝宝长得快可以大一码呢",
        "{product}是什么材质的，宝宝咬了会不会有问题|亲，{product}是食品级材质的哦，不含双酚A，宝宝啃咬也不怕呢",
        "{product}有没有3C认证啊|有的亲，{product}有3C认证，质检报告可以发您看哦",
        "新生儿可以用{product}吗|可以的亲，新生儿也能用哦，很多宝妈待产包都会备呢",
        "{product}{variant}和{variant2}有什么区别|亲，{variant}和{variant2}主要是规格不同，材质是一样的哦",
        "请问{product}是正品吗 有没有防伪码|亲，我们是品牌旗舰店，{product}都是正品哦，"
        "包装上有防伪码可以扫码查询",
        "{product}会不会红屁屁，我家宝宝皮肤敏感|亲，{product}是弱酸性亲肤材质的哦，敏感肌宝宝建议先少量试用呢",
        "这个{product}含不含荧光剂|亲，不含荧光剂的哦，有第三方检测报告呢",
        "{product}的{variant}能用到几岁|亲，{variant}一般能用到宝宝{n}岁左右哦",
        "{product}有没有试用装|亲，目前没有试用装哦，但是支持七天无理由退货，您放心拍",
    ),
    "snack": (
        "{product}保质期多久|亲，{product}保质期是9个月哦，都是{date}新生产的",
        "{product}生产日期是几月份的|亲，现在发的都是{date}生产的新货哦，我们不卖临期的",
        "{product}配料表有没有添加防腐剂|亲，{product}没有添加防腐剂哦，配料表在详情页最后可以看到",
        "孕妇可以吃{product}吗|亲，孕妇适量吃是可以的哦，不过建议您咨询一下医生呢",
        "{product}{variant}辣不辣，小孩能吃吗|亲，{variant}是微辣的哦，小朋友建议选原味的呢",
        "{product}是独立小包装吗|是的亲，{product}都是独立小包装，方便携带哦",
        "{product}{variant}和{variant2}哪个好吃|亲，{variant}卖得最好哦，第一次买可以都试试呢",
        "{product}是现做的吗 会不会是陈货|亲，我们是工厂直发的哦，都是当月新鲜生产的",
        "请问{product}热量高吗 减肥期间能吃不|亲，{product}热量不算低哦，当零食少量吃没问题的",
        "{product}开封后能放多久|亲，开封后建议7天内吃完哦，记得用封口夹密封呢",
        "{product}里面有没有坚果 孩子过敏|亲，{product}生产线有处理坚果哦，过敏的宝宝要谨慎呢",
    ),
    "appliance": (
        "{product}功率多少瓦|亲，{product}额定功率是{watt}W哦，家用插座都可以用的",
        "{product}是220v的吗 带去香港能用吗|亲，{product}是220V国标插头的哦，香港要用需要转换插头呢",
        "{product}保修几年，坏了怎么修|亲，{product}整机保修{n}年哦，全国联保，坏了可以寄修或上门",
        "{product}{variant}够{people}个人用吗|亲，{variant}适合{people}口之家用哦，人多可以选大一号的",
        "{product}声音大不大，晚上用会不会吵|亲，{product}运行声音在50分贝左右哦，晚上用基本不影响休息",
        "{product}内胆是什么材质 有涂层吗|亲，{product}是304不锈钢的哦，没有涂层不怕刮花",
        "{product}{variant}和{variant2}除了颜色还有什么区别|亲，{variant}和{variant2}主要是容量和功能不同哦，"
        "详情页有对比图",
        "{product}有没有说明书 老人会不会用|亲，随机附带中文说明书哦，一键操作老人也会用的",
        "{product}可以开专票吗 公司采购|可以的亲，下单后在订单页申请开专票，填一下公司信息就行哦",
        "{product}插头是三脚的还是两脚的|亲，{product}是三脚国标插头哦",
        "{product}以旧换新有补贴吗|亲，可以参加以旧换新的哦，下单页面选择以旧换新就能抵扣{off}元",
    ),
    "fashion": (
        "身高{height} 体重{weight}斤 {product}穿什么码|亲，按您的身高体重建议拍{variant}哦，"
        "喜欢宽松可以大一码",
        "{product}是纯棉的吗 会不会起球|亲，{product}是95%棉的哦，正常穿着不会起球呢",
        "{product}有色差吗 {variant}实物是什么颜色|亲，都是实物拍摄的哦，不同屏幕可能会有一点点色差呢",
        "{product}会缩水吗 能机洗吗|亲，建议手洗或者放洗衣袋机洗哦，冷水洗不会缩水的",
        "{product}{variant}偏大还是偏小|亲，{product}是正常尺码哦，按平时穿的拍就可以",
        "我平时穿M {product}拍{variant}可以吗|亲，平时穿M的话拍M就合适哦",
        "{product}面料厚不厚 现在穿会不会热|亲，{product}是中等厚度的哦，春秋穿正合适呢",
        "{product}有没有模特实拍图|亲，详情页和买家秀里都有实拍图哦，可以参考一下",
        "{product}透不透 需要穿打底吗|亲，浅色会有一点点透哦，建议搭配肤色打底呢",
        "{product}有没有运费险|亲，{product}送运费险的哦，不合适可以放心退换",
    ),
    "generic": (
        "{product}{variant}尺寸多大|亲，{variant}的具体尺寸在详情页有写哦",
        "{product}是什么材质的|亲，{product}材质在详情页参数里可以看到哦",
        "{product}{variant}和{variant2}有什么区别|亲，{variant}和{variant2}主要是规格不同哦",
    ),
}

_BUYER: dict[str, dict[str, tuple[str, ...]]] = {
    "presale": {
        "spec": (),  # filled from _SPEC_Q per shop
        "price": (
            "{product}有优惠券吗|亲，店铺首页可以领满{full}减{off}的券哦，{product}可以用的",
            "现在买{product}有没有满减|亲，现在有满{full}减{off}的活动哦，可以和店铺券叠加呢",
            "满{full}减{off}的券在哪里领|亲，在店铺首页顶部就可以领哦，下单时自动抵扣",
            "{product}拍{n}件能便宜点吗|亲，拍{n}件的话您先别付款，我这边给您改价哦",
            "我拍下了 能改下价吗 说好的{price}|好的亲，已经给您改成{price}啦，您刷新一下再付款哦",
            "买{n}件可以拍下改价吗|可以的亲，您拍下先不要付款，我这边给您改价哦",
            "{product}拍下改价是改多少 我还没付款|亲，拍下后给您减{off}元哦，改好了通知您付款",
            "{product}还能再便宜吗 别家才{price}|亲，我们是正品保障的哦，价格已经很实惠了，给您送个小礼物吧",
            "为什么我领不了券 显示已抢光|亲，券是限量的呢，抢光了可以关注下次活动哦",
            "{product}包邮吗 偏远地区呢|亲，{product}全国包邮哦，新疆西藏等偏远地区需要补{off}元运费呢",
            "直播间说{price}，我这边怎么显示不一样|亲，直播间价格需要从直播间链接下单才有哦",
            "老客户有没有优惠 我买过好几次了|感谢亲的支持，老客户给您备注送一份小礼品哦",
            "{product}{variant}拍下多少钱 赠品有吗|亲，{variant}到手价{price}哦，赠品随单发出的",
            "买{n}件送什么|亲，买{n}件送同款小样一份哦，数量有限送完为止",
            "{product}双十一会更便宜吗|亲，现在就是活动价哦，而且还送赠品，不用等的呢",
        ),
        "deposit": (
            "{product}预售定金{deposit}，尾款什么时候付|亲，尾款{date}开始支付哦，记得设置提醒呢",
            "付了定金不想要了能退吗|亲，预售定金是不退的哦，您再考虑一下呢",
            "预售的{product}什么时候发货|亲，付完尾款后{days}天内按付款顺序发货哦",
            "尾款忘记付了怎么办 还能补吗|亲，尾款时间过了就不能补了哦，定金也不退，下次记得设置提醒呢",
            "定金膨胀是多少 {deposit}抵多少|亲，定金{deposit}元可以抵{off}元哦，非常划算呢",
            "预售{days}天发货是付完尾款开始算吗|是的亲，从付完尾款开始算{days}天内发货哦",
            "我付了定金 尾款可以用券吗|可以的亲，付尾款的时候店铺券和平台券都能用哦",
            "预售和现货有什么区别|亲，预售是提前锁定优惠价哦，东西都是一样的",
        ),
        "stock": (
            "{product}{variant}还有货吗|亲，{variant}目前有现货的哦，今天下单今天发~",
            "{product}{variant}什么时候补货|亲亲，{variant}预计{date}补货哦，可以先收藏加购",
            "{product}显示无货 是不是下架了|亲，没有下架哦，是暂时缺货，预计{date}补货",
            "{product}现货还是预售|亲，{product}是现货哦，付款后{hours}小时内发货",
            "我要{n}个{product}{variant}，库存够吗|亲，库存充足的，您放心拍哦",
            "{product}是新款吗 和去年的一样吗|亲，是今年的升级款哦，详情页有新旧对比",
        ),
        "ship_when": (
            "今天拍{product}今天能发吗|亲，下午4点前付款当天发货哦，默认{courier}呢",
            "发什么快递 能发{courier}吗|亲，默认发{courier}的哦，{hours}小时内发出",
            "发到{city}几天能到|亲，发到{city}一般{days}天左右到哦",
            "从哪里发货|亲，我们从{origin}仓库发货哦，默认{courier}",
            "{hours}小时内发货吗 急用|亲，{hours}小时内一定发出的，给您备注加急哦",
            "能不能指定{courier} 加钱也行|亲亲，可以指定{courier}的，需要补{off}元运费差价哦",
            "下午{n}点前拍的今天发吗|亲，下午4点前付款的当天发哦",
            "能不能送货上门|亲，快递默认送货上门的哦，可以给您备注一下",
        ),
    },
    "aftersale": {
        "where": (
            "我的快递到哪了|亲，帮您查了一下，包裹已经在派送途中了，请保持电话畅通哦",
            "订单{order}怎么还没发货|亲，帮您查了，仓库今天会发出的，非常抱歉让您久等了",
            "物流{days}天没动了 怎么回事|抱歉亲，这边已经联系{courier}催件了，有消息第一时间通知您",
            "快递单号是多少 {order}|亲亲，您的单号是{courier}{tracking}，可以在订单详情里查看物流哦",
            "显示已签收但我没收到啊|亲，先别着急，麻烦看一下门口、快递柜和驿站，这边同时帮您联系{courier"
            "}核实哦",
            "{courier}单号{tracking}一直显示揽收|亲，可能是快递还没更新信息哦，我帮您联系{courier}问一下",
            "能不能催一下快递 {days}天了还在{city}|好的亲，已经帮您催了，物流这几天件多，可能有延迟哦",
            "快递员打电话说放驿站了 哪个驿站啊|亲，物流信息里有驿站地址和取件码哦，您看一下",
            "说好{hours}小时发货 都{days}天了|非常抱歉亲，仓库爆单了，已经给您加急处理，今天一定发出",
            "快递怎么送到别的城市去了|亲，可能是分拣错了，我们马上联系快递帮您转回来，非常抱歉",
        ),
        "address": (
            "地址写错了 能改一下吗 订单{order}|亲亲，请把新的收货地址和电话发给我哦",
            "麻烦帮我改个地址，还没发货吧|亲，还没发货的哦，请把新地址发给我，帮您改",
            "收货电话填错了 能改吗|可以的亲，请把正确的电话发给我哦",
            "已经发货了还能改地址吗 我换了住处|亲，包裹已经发出了，只能联系快递改地址呢，我帮您联系一下",
            "能不能帮我备注一下 放门口就行|好的亲，已经给您备注了哦",
            "我想改成自提 放{courier}驿站可以吗|可以的亲，已经帮您备注放驿站哦",
        ),
        "return": (
            "{product}不想要了 能七天无理由退货吗|亲，支持七天无理由退货的哦，不影响二次销售就可以",
            "退货运费谁出|亲，质量问题我们承担运费哦，七天无理由退货的话运费需要您承担，有运费险可以理赔呢",
            "我申请退款了 怎么还没处理|亲，已经帮您催财务加急处理了哦",
            "退货寄回什么地址|亲，退货地址在退款申请页面可以看到哦，记得填写快递单号呢",
            "退款什么时候到账 已经{days}天了|亲，退款已经处理了，原路退回，一般1到3个工作日到账哦",
            "有运费险吗 退货能报销吗|亲，下单时勾选了运费险的话，退货后会自动理赔到您的账户哦",
            "我寄回去了 单号{tracking} 麻烦查收退款|好的亲，收到退货后{days}天内给您处理退款哦",
            "{product}拆封了还能退吗|亲，拆封不影响二次销售的话可以退的哦，食品类拆封后就不能退了呢",
            "只退款不退货可以吗|亲，这个需要看具体情况哦，麻烦您拍一下照片给我看看",
        ),
        "quality": (
            "收到的{product}是坏的|非常抱歉给您带来不好的体验，麻烦拍一下照片给我看看哦",
            "{product}外包装破损了 里面也压坏了|亲，实在抱歉，麻烦拍一下照片，我们马上给您补发哦",
            "少发了一件 我买了{n}个只收到一个|亲，非常抱歉，帮您核实一下仓库称重，少发的马上给您补寄",
            "发错了 我要的是{variant} 给我发成{variant2}了|亲，发错的我们承担来回运费，给您换成{variant}哦",
            "{product}用了{days}天就坏了 质量太差|亲，{product}在保修期内的，我们给您换新或者退款哦",
            "{product}有异味 是不是质量问题|亲，新品可能会有一点点味道，通风几天就好了，如果还有可以给您退换",
            "收到{product}有划痕，要补偿|亲，这种情况我们可以给您部分退款{off}元作为补偿，您看可以吗",
            "{product}漏了 箱子都湿了|亲亲，麻烦提供一下开箱视频或者照片，我们给您申请售后哦",
        ),
        "exchange": (
            "{product}{variant}不合适 能换{variant2}吗|亲，可以换的哦，您申请换货寄回来就行",
            "换货的话运费怎么算|亲亲，换货运费我们来承担一边哦",
            "我想换个颜色 换成{variant2}|好的亲，{variant2}有现货的，您申请换货就可以",
            "换货寄回去了 新的什么时候发|亲，收到您寄回的商品后{days}天内给您发新的哦",
            "能先发新的再退旧的吗 急着用|亲，可以的，给您先安排发新的，旧的收到后记得寄回哦",
        ),
    },
    "complaint": {
        "attitude": (
            "你们客服什么态度|非常抱歉亲，让您有不好的体验，我来帮您处理好吗",
            "问了三遍都不回 这就是你们的服务吗|亲，真的很抱歉，刚才咨询量太大没有及时回复，现在我来帮您处理",
            "刚才那个客服说话太冲了 我要投诉她|亲，真的很抱歉，之前的同事没有处理好，我这边会跟进到底的",
            "你们就是这样对待老顾客的？|您先消消气，具体是什么情况您跟我说一下，我一定给您解决",
            "机器人一样回复有意思吗 叫个人来|亲，我是人工客服哦，您的问题我来处理",
        ),
        "threat": (
            "再不处理我就给差评了|亲，我们一定会给您一个满意的解决方案，请您给我们一点时间",
            "我要投诉到平台|亲，非常抱歉，您先别着急，我现在就帮您处理，一定给您满意的答复",
            "我已经打12315了 你们看着办|亲，非常抱歉让您这么生气，这边已经上报主管加急处理，今天之内给您答复",
            "不给我退款我就去消协投诉|亲，退款这边马上为您申请，请您放心",
            "小心我给你们差评 让大家都看看|非常理解您的心情，我这边马上为您申请加急处理哦",
            "你们这是虚假宣传 我截图了|亲，您说的地方是哪里呢，我们核实后一定给您答复",
            "今天不解决我就申请平台介入|亲，这边已经上报给主管了，今天之内给您答复",
        ),
        "fake": (
            "{product}是假货吧 和专柜的不一样|亲，我们是品牌授权店铺，支持专柜验货的哦",
            "{product}根本不是宣传的那样 骗人|非常抱歉亲，不满意的话我们支持退货退款，运费我们承担",
            "说好的赠品呢 一个都没有|亲，赠品漏发了，马上给您补寄哦，实在抱歉",
            "页面写的{price} 结算多收了我钱|亲，差价这边给您退回去哦，非常抱歉",
            "买了{product}才{days}天就降价了 退差价|亲，{days}天内降价我们支持退差价的，马上给您申请",
        ),
        "stuck": (
            "退款申请{days}天了 一直没人处理|亲，非常抱歉让您久等了，已经给您加急处理退款",
            "说好的补发呢 到现在都没发|亲，我这边直接给您补发，单号稍后发您",
            "订单{order} 已经第{n}次联系了 还是没解决|亲，这边为您申请了{off}元补偿，您看可以吗",
            "快递丢了你们也不管 钱也不退|亲，丢件我们来负责，马上给您补发或者退款，您选一个",
            "你们答应给我赔偿的 人呢|亲，补偿已经在申请了，今天之内到账，请您放心",
        ),
    },
}

_FOLLOW: dict[str, tuple[str, ...]] = {
    "any": (
        "在吗",
        "在吗？",
        "?",
        "？？",
        "???",
        "人呢",
        "亲 在不在",
        "hello",
        "有人吗",
        "还在吗",
        "好的",
        "好的谢谢",
        "嗯嗯",
        "哦哦",
        "ok",
        "OK了",
        "thx",
        "谢谢亲",
        "麻烦快点",
        "回一下呗",
        "{emoji}",
        "收到",
        "知道了",
        "那行吧",
        "稍等我看下",
        "嗯",
    ),
}

# Follow-ups per topic: what the same buyer says next about the same subject. As with openings,
# a "|" separates the answer that fits.
_FOLLOW_TOPIC: dict[str, tuple[str, ...]] = {
    "spec": (
        "那{variant2}呢|亲，{variant2}也是一样的品质哦，只是规格不同",
        "好的 那我拍{variant}了|好的亲，拍下后我们尽快为您发货哦",
        "有没有实拍图|亲，详情页和买家秀里都有实拍图哦，可以参考一下",
        "是正品吧|亲，我们是品牌授权店铺，保证正品哦",
        "还有别的颜色吗|亲，目前就页面上这几款哦",
        "质量怎么样 别用两天就坏了|亲，{product}有质保的哦，质量问题包退换",
        "[图片] 是这个吗|是的亲，就是这款哦",
        "跟我上次买的一样吗|亲，是同一款哦，包装可能升级了",
        "{link}",
    ),
    "price": (
        "券领不了|亲，券是限量的呢，抢光了可以关注下次活动哦",
        "拍了 帮我改下价|好的亲，已经给您改好价格啦，您刷新一下再付款哦~",
        "那赠品呢|亲，赠品会随单一起发出的哦",
        "能再少{off}块吗|亲，已经是最低价了呢，给您备注送个小礼物哦",
        "满{full}能减多少|亲，满{full}减{off}哦，可以和店铺券叠加呢",
        "那我先加购物车了 等活动再买",
        "什么时候有活动|亲，{date}有店庆活动哦，可以先收藏加购呢",
        "可以开发票吗 个人抬头|可以的亲，下单时备注发票抬头就行哦",
        "价格能不能再少点",
    ),
    "deposit": (
        "尾款几号开始付|亲，尾款{date}开始支付哦，记得设置提醒呢",
        "付了定金能改颜色吗|可以的亲，发货前联系客服备注就行哦",
        "定金付了 记得给我留货",
        "预售能和现货一起发吗|亲，预售和现货是分开发货的哦",
        "尾款能用花呗吗|可以的亲，支持花呗付款哦",
    ),
    "stock": (
        "那什么时候有|亲，预计{date}补货哦，可以先收藏加购",
        "能帮我留一个吗",
        "其他颜色有吗|亲，其他颜色目前有现货的哦",
        "到货了通知我一下|好的亲，到货第一时间通知您",
        "那我拍{variant2}吧",
    ),
    "ship_when": (
        "今天能发吗|亲，下午4点前付款当天发货哦",
        "能发顺丰吗 补多少|亲，顺丰需要补{off}元运费差价哦",
        "我急用 能加急吗|亲，已经给您备注加急了哦",
        "已付款 记得早点发",
        "刚拍了 订单号{order}",
        "发{city}几天到|亲，一般{days}天左右到哦",
    ),
    "where": (
        "单号多少|亲亲，您的单号是{courier}{tracking}，可以在订单详情里查看物流哦",
        "到哪了",
        "几天没动了",
        "麻烦帮我催一下|好的亲，已经帮您联系快递催件了，有消息第一时间通知您",
        "{courier}的电话打不通",
        "物流显示到{city}了 然后就没动静了",
        "我明天不在家 能放驿站吗|可以的亲，已经帮您备注放驿站哦",
        "那我什么时候能收到",
        "好 我等等看",
        "要是丢了怎么办|亲，如果确认丢件我们会给您补发的，请放心",
    ),
    "address": (
        "新地址：{address} {name} {phone}|亲，已经帮您修改好了哦，新地址是{address}",
        "电话是{phone}",
        "地址改好了吗|亲，已经改好了哦，您在订单详情里可以看到",
        "还没发吧|亲，还没发货的哦，来得及",
        "订单号{order}",
    ),
    "return": (
        "什么时候退款|亲，收到退货后48小时内处理退款哦",
        "我已经寄回了 单号{tracking}",
        "退货地址发我一下|亲，退货地址在退款页面可以看到哦",
        "退款原因选哪个|亲，选七天无理由就可以哦",
        "那运费险能赔多少|亲，运费险按首重赔付，一般{n}到12元哦",
        "我已经申请了 你看一下 订单号{order}",
    ),
    "quality": (
        "[图片]",
        "[图片] 你看 就是这样的",
        "[视频]",
        "我发了照片 你看一下",
        "要拍视频吗|亲，有开箱视频更好哦，没有的话照片也可以",
        "补发还是退款啊|亲，补发和退款都可以的，看您需要哦",
        "补发什么时候到",
        "外箱也是破的 快递员说不关他的事",
    ),
    "exchange": (
        "换货地址发我一下",
        "新的什么时候发|亲，收到您寄回的后48小时内发出哦",
        "运费你们出吧",
        "那我寄回去了 单号{tracking}",
        "换{variant2}有货吧|有的亲，{variant2}现货哦",
    ),
    "attitude": (
        "你们主管电话多少",
        "别跟我说亲 直接说怎么处理",
        "我要投诉你们客服",
        "刚才那个客服工号多少",
        "态度好点行吗",
    ),
    "threat": (
        "不解决就差评",
        "12315见吧",
        "已经申请平台介入了",
        "我已经截图了",
        "给个说法",
    ),
    "fake": (
        "[图片] 自己看看你们发的什么东西",
        "给我退一半 不然差评",
        "假一赔三懂不懂",
        "别敷衍我",
    ),
    "stuck": (
        "这都几天了！！",
        "退款！！！",
        "我没那么多时间跟你们耗",
        "你们到底管不管",
        "订单{order} 你自己查",
        "找你们主管来",
    ),
}

_BUYER_PREFIX = (
    ("", 40), ("亲，", 8), ("亲 ", 6), ("你好，", 8), ("您好 ", 3), ("在吗 ", 6), ("在吗？", 4),
    ("hi ", 2), ("客服 ", 3), ("老板 ", 2), ("掌柜的 ", 1), ("请问", 8), ("问一下", 4),
)  # fmt: skip
_BUYER_SUFFIX = (
    ("", 35), ("？", 14), ("?", 8), ("??", 4), ("呢", 3), ("啊", 3), ("呀", 2), ("~", 2), (" {emoji}", 6),
    ("。", 2), (" 急", 2), (" 谢谢", 4), ("，麻烦了", 2), ("哈", 1),
)  # fmt: skip
_ANGRY_SUFFIX = (("！", 6), ("！！！", 5), ("!!", 3), ("", 4), ("？？？", 3), (" {angry}", 4), ("。", 1))

# Clauses a rambling buyer strings together without stopping.
_RAMBLE = {
    "presale": (
        "我看了好几家",
        "你们家评价还不错",
        "就是价格有点贵",
        "之前买过一次{product}",
        "这次想给{n}个朋友带",
        "上次收到还挺满意的",
        "不知道{variant}合不合适",
        "朋友推荐来的",
        "家里老人也要用",
        "最好这周能到",
        "能不能送点小样",
        "下单前想问清楚",
    ),
    "aftersale": (
        "我{time}就下单了",
        "到现在也没收到",
        "快递电话也打不通",
        "小区门口驿站说没有",
        "本来是买来送人的",
        "急着用",
        "你们帮我查一下",
        "要是丢了就给我补发",
        "物流信息一直不更新",
        "上次买的也是这样",
        "我人不在家",
        "周末才能收",
    ),
    "complaint": (
        "我真的很生气",
        "等了这么多天",
        "问客服也没人理",
        "东西还是坏的",
        "你们到底有没有人管",
        "钱都付了",
        "说好的{hours}小时发货",
        "浪费我时间",
        "我朋友也在你们家买过",
        "再也不来了",
        "我要给差评",
        "我会投诉到平台",
    ),
}


def _weighted(rng: random.Random, options: Sequence[tuple[str, int]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _topics(group: str) -> tuple[str, ...]:
    return tuple(_BUYER[_group(group)])


def _group(group: str) -> str:
    if group not in _BUYER:
        raise ValueError(f"unknown skill group {group!r}")
    return group


def _take(ctx: _Ctx, pool: Sequence[str]) -> str:
    """A template from ``pool`` not used yet in this context (people do not repeat themselves word
    for word), with its answer, if it has one, remembered for the agent."""
    template = ctx.choose(pool)
    question, _, answer = template.partition("|")
    if answer:
        ctx.pending_answer = answer
    return question


def _buyer_template(ctx: _Ctx, group: str, topic: str) -> str:
    return _take(ctx, _SPEC_Q[ctx.catalogue.kind] if topic == "spec" else _BUYER[group][topic])


_QUESTION_MARKS = (
    "吗", "么", "什么", "多少", "几", "哪", "怎么", "能不能", "有没有", "是不是", "多久", "呢", "可以",
)  # fmt: skip


def _dress(ctx: _Ctx, group: str, text: str) -> str:
    """Add what real buyers put around a question: greetings, punctuation, emoji."""
    rng = ctx.rng
    if group == "complaint":
        return ctx.fill(text + _weighted(rng, _ANGRY_SUFFIX))
    suffix = _weighted(rng, _BUYER_SUFFIX)
    if text[-1:] in "吗呢吧么啊" and suffix[:1] in ("呢", "啊", "呀", "哈"):
        # "能吃吗啊" is not how anyone types; a question mark is.
        suffix = "？"
    prefix = _weighted(rng, _BUYER_PREFIX)
    if not any(q in text for q in _QUESTION_MARKS):
        # A statement: "请问收到的是坏的？" is not how anyone types.
        if prefix in ("请问", "问一下"):
            prefix = ""
        if "?" in suffix or "？" in suffix:
            suffix = rng.choice(("", "。", " {emoji}", "！"))
    return ctx.fill(prefix + text + suffix)


def _ramble(ctx: _Ctx, group: str, core: str) -> str:
    clauses = list(ctx.rng.sample(_RAMBLE[group], ctx.rng.randrange(4, 8)))
    clauses.insert(ctx.rng.randrange(len(clauses) + 1), core)
    sep = ctx.rng.choice(("，", " ", "，", "。"))
    return ctx.fill(sep.join(clauses) + ctx.rng.choice(("", "。", "！", "？？", "……")))


def _opening(ctx: _Ctx, group: str, topic: str) -> str:
    rng = ctx.rng
    core = _buyer_template(ctx, group, topic)
    roll = rng.random()
    if roll < 0.06:
        return _ramble(ctx, group, core)
    if roll < 0.10 and group == "presale":
        # A pasted link or share code, then the question.
        paste = "{tbpass}" if ctx.shop.platform in ("taobao", "tmall") and rng.random() < 0.5 else "{link}"
        if rng.random() < 0.3:
            paste = '<a href="{link}" target="_blank">{product}</a>'
        return ctx.fill(paste + rng.choice((" ", "\n")) + core)
    if roll < 0.14 and group != "presale":
        return ctx.fill(f"订单号：{{order}}{rng.choice((' ', '，', chr(10)))}{core}")
    return _dress(ctx, group, core)


def _follow_up(ctx: _Ctx, group: str, topic: str) -> str:
    rng = ctx.rng
    roll = rng.random()
    if roll < 0.3:
        return ctx.fill(ctx.choose(_FOLLOW["any"]))
    if roll < 0.75:
        return ctx.fill(_take(ctx, _FOLLOW_TOPIC[topic]))
    # Another question about the same subject.
    return _dress(ctx, group, _buyer_template(ctx, group, topic))


def buyer_opening(rng: random.Random, group: str, shop: DemoShop) -> str:
    """The first buyer message of a new conversation in ``group``, about one of the shop's products."""
    ctx = _Ctx(rng, shop)
    return _opening(ctx, group, rng.choice(_topics(group)))


def buyer_follow_up(rng: random.Random, group: str, shop: DemoShop) -> str:
    """A later buyer message: impatience, details, thanks, order and tracking numbers."""
    ctx = _Ctx(rng, shop)
    return _follow_up(ctx, group, rng.choice(_topics(group)))


# ---------------------------------------------------------------------------- agent templates

_AGENT_OPEN = (
    "亲，您好，很高兴为您服务~", "您好，在的哦", "亲亲在的呢，请问有什么可以帮您", "在的亲，您请说~",
    "您好，我是{shop}客服，请问有什么可以帮您的呢", "亲，久等啦~",
)  # fmt: skip
_AGENT: dict[str, tuple[str, ...]] = {
    "spec": (
        "亲，{product}{variant}是很多宝妈回购的款式哦，详情页有详细参数，您可以参考一下~",
        "亲亲，这款{product}是正品保证的，质检报告可以发您看哦",
        "您好，{product}{variant}和{variant2}主要是规格不同，品质是一样的呢",
        "亲，根据您说的情况，建议拍{variant}哦",
        "亲，{product}支持七天无理由，您放心购买哦",
        "这个不会的呢亲，我们都是按国家标准生产的哦",
    ),
    "price": (
        "亲，店铺首页可以领满{full}减{off}的券哦，下单自动抵扣~",
        "亲亲，已经是活动价了呢，{n}件以上可以再送小礼品哦",
        "亲，您拍下先不要付款，我这边给您改价哦",
        "已经给您改好价格啦，您刷新一下再付款哦~",
        "亲，券是限量的呢，抢光了可以关注下次活动哦",
        "亲，全国大部分地区包邮哦，偏远地区需要补运费呢",
    ),
    "deposit": (
        "亲，尾款在{date}开始支付哦，记得设置提醒呢",
        "亲亲，定金{deposit}元可以抵扣更多哦，付完尾款后{days}天内发货~",
        "亲，定金是不退的哦，您再考虑一下呢",
        "预售商品付完尾款按付款顺序发货的哦，请您耐心等待~",
    ),
    "stock": (
        "亲，{variant}目前有现货的哦，今天下单今天发~",
        "亲亲，{variant}暂时缺货了，预计{date}补货哦",
        "亲，库存充足的，您放心拍哦",
    ),
    "ship_when": (
        "亲，下午4点前付款当天发货哦，默认{courier}呢",
        "亲，发到{city}一般{days}天左右到哦",
        "亲，我们从仓库直发的，{hours}小时内发货哦",
        "亲亲，可以指定{courier}的，需要补一点运费差价哦",
    ),
    "where": (
        "亲，帮您查了一下，包裹已经在派送途中了，请保持电话畅通哦",
        "亲亲，您的单号是{courier}{tracking}，可以在订单详情里查看物流哦",
        "抱歉亲，这边已经联系{courier}催件了，有消息第一时间通知您",
        "亲，物流这几天件多，可能有延迟，我们帮您盯着哦",
        "亲，显示已放驿站了，您凭取件码去领取一下哦",
        "亲，您的订单{hours}小时内会发出的，请耐心等待哦",
    ),
    "address": (
        "亲，已经帮您备注修改地址啦，请核对一下哦",
        "亲亲，请把新的收货地址和电话发给我哦",
        "亲，包裹已经发出了，只能联系快递改地址呢，我帮您联系一下",
        "好的亲，已经给您备注了哦",
    ),
    "return": (
        "亲，支持七天无理由退货的哦，不影响二次销售就可以",
        "亲亲，退货运费有运费险的话会自动理赔哦",
        "亲，收到退货后{days}天内给您处理退款哦",
        "亲，退货地址在退款页面可以看到，记得填写单号哦",
        "亲，已经帮您催财务加急处理了哦",
    ),
    "quality": (
        "非常抱歉给您带来不好的体验，麻烦拍一下照片给我看看哦",
        "亲，实在抱歉，我们马上给您补发哦",
        "亲，发错的我们承担来回运费，给您换成{variant2}哦",
        "亲亲，麻烦提供一下开箱视频或者照片，我们给您申请售后哦",
        "亲，这种情况我们可以给您部分退款{off}元作为补偿，您看可以吗",
    ),
    "exchange": (
        "亲，可以换的哦，您申请换货寄回来就行",
        "亲亲，换货运费我们来承担一边哦",
        "亲，收到您寄回的商品后{days}天内给您发新的哦",
    ),
    "attitude": (
        "非常抱歉亲，让您有不好的体验，我来帮您处理好吗",
        "亲，真的很抱歉，之前的同事没有处理好，我这边会跟进到底的",
        "您先消消气，具体是什么情况您跟我说一下，我一定给您解决",
    ),
    "threat": (
        "亲，我们一定会给您一个满意的解决方案，请您给我们一点时间",
        "非常理解您的心情，我这边马上为您申请加急处理哦",
        "亲，这边已经上报给主管了，今天之内给您答复",
    ),
    "fake": (
        "亲，我们是品牌授权店铺，支持专柜验货的哦",
        "亲，差价{off}元这边给您退回去哦，非常抱歉",
        "亲，赠品漏发了，马上给您补寄哦，实在抱歉",
    ),
    "stuck": (
        "亲，非常抱歉让您久等了，已经给您加急处理退款",
        "亲，我这边直接给您补发，单号稍后发您",
        "亲，这边为您申请了{off}元补偿，您看可以吗",
    ),
}
_AGENT_CLOSE = (
    "亲，还有其他可以帮您的吗~", "感谢您的耐心，祝您生活愉快哦", "不客气哦亲，有问题随时找我们~",
    "亲，麻烦收货后给个五星好评哦~", "好的亲，给您添麻烦了，祝您购物愉快",
)  # fmt: skip
_BUYER_THANKS = ("好的谢谢", "谢谢亲", "好的", "ok", "嗯嗯 谢谢", "行吧", "👍", "好的 辛苦了", "OK~")
_AGENT_GENERIC = {
    "presale": ("亲，稍等，我帮您确认一下哦", "好的亲~", "亲，这个我帮您问一下仓库哦"),
    "aftersale": ("亲，稍等，这边帮您查一下哦", "收到亲，马上为您处理", "亲，请提供一下订单号哦"),
    "complaint": ("非常抱歉亲，我马上为您处理", "亲，请您放心，一定给您解决", "您说的情况我记下了，立刻反馈"),
}


def _agent(ctx: _Ctx, group: str, topic: str) -> str:
    rng = ctx.rng
    if ctx.pending_answer in ctx.used:
        ctx.pending_answer = ""  # already said; saying it twice reads like a bot
    if ctx.pending_answer and rng.random() < 0.92:
        text, ctx.pending_answer = ctx.pending_answer, ""
        ctx.used.add(text)
    elif rng.random() < 0.8 and not ctx.used.issuperset(_AGENT[topic]):
        text = ctx.choose(_AGENT[topic])
    else:
        # "Let me check" first; the real answer (if any) is still owed and comes next.
        text = ctx.choose(_AGENT_GENERIC[group])
    if rng.random() < 0.15:
        text += rng.choice(("[微笑]", "~", " /:^_^", "😊"))
    return ctx.fill(text.replace("{shop}", ctx.shop.name))


def agent_reply(rng: random.Random, group: str, shop: DemoShop) -> str:
    """What an agent of ``group`` says to a buyer of ``shop`` (亲, 您好 ... 哦)."""
    ctx = _Ctx(rng, shop)
    return _agent(ctx, group, rng.choice(_topics(group)))


# ============================================================================ conversations


@dataclass(frozen=True)
class DemoMessage:
    #: 'buyer', 'agent' or 'system'
    sender: str
    text: str
    #: seconds after the conversation opened
    offset_s: float


@dataclass(frozen=True)
class DemoConversation:
    shop_key: str
    buyer_index: int
    #: presale, aftersale or complaint
    group: str
    priority: int
    #: waiting, assigned or closed; assigned and closed ones have agent replies, waiting ones none
    status: str
    messages: tuple[DemoMessage, ...]
    #: what a closed conversation was about (``wsprotocol.CloseCategory``); None otherwise
    close_category: str | None = None


# What a cluster of buyers writes when one product went bad (see TrafficModel.spike).
_SPIKE = (
    "{product}收到就是坏的 你们这批货是不是有问题",
    "刚收到的{product}破了 里面全洒了",
    "{product}一股怪味 是不是过期了",
    "买的{product}和图片完全不一样",
    "{product}用了一次就坏了 我要退款",
    "{product}到手就漏 你们怎么发货的",
    "怎么我朋友买的{product}也是坏的 你们质检呢",
    "{product}全是次品 必须给说法",
)


def _pick_group(rng: random.Random) -> str:
    return rng.choices(GROUPS, weights=GROUP_WEIGHTS)[0]


def _priority(rng: random.Random, group: str) -> int:
    # Complaints jump the queue; a few ordinary ones are raised (a VIP, an urgent order).
    if group == "complaint":
        return rng.choice((2, 2, 3))
    return 1 if rng.random() < 0.1 else 0


def demo_conversation(
    rng: random.Random, shop: DemoShop, buyer_index: int, status: str, group: str | None = None
) -> DemoConversation:
    """One conversation with a coherent subject. Waiting ones hold only buyer messages (the buyer
    is still waiting for a first answer); assigned ones have agent replies and may end with a
    buyer message that is not answered yet; closed ones end with the agent."""
    if status not in ("waiting", "assigned", "closed"):
        raise ValueError(f"unknown status {status!r}")
    group = _group(group) if group is not None else _pick_group(rng)
    topic = rng.choice(_topics(group))
    ctx = _Ctx(rng, shop)
    messages: list[DemoMessage] = []
    t = 0.0

    def add(sender: str, text: str, gap: float) -> None:
        nonlocal t
        t += gap
        messages.append(DemoMessage(sender, text, round(t, 1)))

    if group == "presale" and rng.random() < 0.2:
        # Qianniu shows which item page the buyer came from as a card before the first message.
        add("system", ctx.fill("买家正在浏览：{product}"), 0.0)
    add("buyer", _opening(ctx, group, topic), rng.uniform(0.0, 2.0) if messages else 0.0)
    if status == "waiting":
        # Impatient buyers add "在吗" or a detail while nobody answers.
        for _ in range(rng.choices((0, 1, 2), weights=(5, 4, 1))[0]):
            add("buyer", _follow_up(ctx, group, topic), rng.uniform(15, 240))
        return DemoConversation(shop.key, buyer_index, group, _priority(rng, group), status, tuple(messages))

    if rng.random() < 0.3:
        add("agent", ctx.fill(rng.choice(_AGENT_OPEN).replace("{shop}", shop.name)), rng.uniform(3, 40))
    exchanges = rng.randrange(1, 5)
    for k in range(exchanges):
        add("agent", _agent(ctx, group, topic), rng.uniform(5, 90))
        if k < exchanges - 1 or (status == "assigned" and rng.random() < 0.5):
            add("buyer", _follow_up(ctx, group, topic), rng.uniform(10, 300))
    if status == "closed" and rng.random() < 0.6:
        add("buyer", rng.choice(_BUYER_THANKS), rng.uniform(10, 120))
        add("agent", rng.choice(_AGENT_CLOSE), rng.uniform(5, 40))
    category = close_category_for(rng, group) if status == "closed" else None
    return DemoConversation(
        shop.key, buyer_index, group, _priority(rng, group), status, tuple(messages), category
    )


# What conversations of each group turn out to be about when they are closed.
_CLOSE_CATEGORIES: dict[str, tuple[tuple[str, int], ...]] = {
    "presale": (("presale", 12), ("order_change", 3), ("shipping", 2), ("other", 1)),
    "aftersale": (("aftersale", 8), ("shipping", 6), ("order_change", 2), ("other", 1)),
    "complaint": (("complaint", 10), ("aftersale", 3), ("shipping", 1)),
}


def close_category_for(rng: random.Random, group: str) -> str:
    """The close category (``wsprotocol.CLOSE_CATEGORIES``) of a finished conversation of ``group``."""
    return _weighted(rng, _CLOSE_CATEGORIES[_group(group)])


# How a buyer answers an agent's reply, by what the reply asked or said (checked in this order):
# the first rule whose words occur in the reply decides. ``{order}`` and the like are template
# slots (filled per conversation), not phrase variables.
_ANSWER_RULES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("祝您", "再次光临", "五星好评", "还有其他", "晚安", "生活愉快", "随时找我"),
        ("好的谢谢", "谢谢亲", "好的 辛苦了", "嗯嗯 谢谢", "👍", "OK~", "没有了 谢谢"),
    ),
    (
        ("提供一下订单号", "提供订单号", "订单号发", "订单号给", "订单号是多少", "发一下订单号", "请提供"),
        ("订单号：{order}", "{order}", "{order} 你查下", "就是{date}买的那单 {order}"),
    ),
    (
        ("照片", "拍照", "拍一下", "视频", "图片"),
        ("[图片]", "[图片] 你看 就是这样", "[视频]", "拍了 [图片][图片]", "[图片] 这还不明显吗"),
    ),
    (
        ("身高", "体重", "尺码", "月龄"),
        (
            "{height} {weight}斤",
            "身高{height} 体重{weight}斤 平时穿M",
            "宝宝{months}个月了",
            "宝宝现在{babykg}斤",
        ),
    ),
    (
        ("地址",),
        ("改成{address} {name} {phone}", "{name} {phone} {address}", "地址没错 发吧"),
    ),
    (
        ("单号", "物流", "快递", "催件", "发货", "发出", "驿站", "签收", "包裹", "派送", "到货"),
        (
            "好的 那我再等等",
            "大概什么时候能到",
            "都好几天了还没动",
            "好的 我查一下",
            "能不能发顺丰",
            "我没收到啊 驿站也没有",
            "明天能到吗 急用",
        ),
    ),
    (
        ("退款", "退货", "补发", "换货", "补偿", "售后", "运费险"),
        ("好的 那我申请了", "退款多久到账", "运费谁出", "好的 尽快哈", "补偿多少", "申请了 你同意下"),
    ),
    (
        ("抱歉", "理解您", "上报", "主管", "放心"),
        ("你们每次都这么说", "行 我等你们消息", "今天必须给我答复", "算了 就这样吧", "希望你们说到做到"),
    ),
    (
        ("券", "优惠", "改价", "价格", "满减", "活动", "赠品"),
        ("好的 我去领", "领了 怎么没减", "那我现在拍", "拍好了 改一下价", "赠品是什么", "能便宜点吗"),
    ),
)


def buyer_answer(
    rng: random.Random, group: str, shop: DemoShop, agent_text: str, order_no: str | None = None
) -> str | None:
    """What the buyer writes back to an agent's reply, fitting what the reply asked or said; None
    when the buyer has nothing more to say (after a goodbye, now and then). ``order_no``: one of
    the buyer's real orders, given when asked for (a made-up number otherwise)."""
    ctx = _Ctx(rng, shop)
    if order_no:
        ctx.sticky["order"] = order_no
    for words, answers in _ANSWER_RULES:
        if any(w in agent_text for w in words):
            if words is _ANSWER_RULES[0][0] and rng.random() < 0.4:
                return None  # the buyer just leaves
            return ctx.fill(rng.choice(answers))
    # Nothing specific: another question or detail about the same kind of subject (never
    # "anyone there?", the agent just answered).
    topic = rng.choice(_topics(group))
    if rng.random() < 0.5:
        return ctx.fill(_take(ctx, _FOLLOW_TOPIC[topic]))
    return _dress(ctx, group, _buyer_template(ctx, group, topic))


def demo_conversations(
    rng: random.Random, shops: Sequence[DemoShop], n_buyers: int, n: int
) -> list[DemoConversation]:
    """``n`` conversations of the buyers ``0..n_buyers-1`` (buyer ``i`` of ``shops[i % len]``):
    about 80 % closed history, 12 % assigned, 8 % waiting (at least one of each when ``n >= 3``),
    in a shuffled order."""
    if n_buyers < len(shops):
        raise ValueError("need at least one buyer per shop")
    n_waiting = max(1, round(n * 0.08)) if n >= 3 else 0
    n_assigned = max(1, round(n * 0.12)) if n >= 3 else 0
    statuses = ["waiting"] * n_waiting + ["assigned"] * n_assigned
    statuses += ["closed"] * (n - len(statuses))
    rng.shuffle(statuses)
    result: list[DemoConversation] = []
    for status in statuses:
        position = rng.randrange(len(shops))
        buyer = pick_buyer(rng, position, len(shops), n_buyers)
        result.append(demo_conversation(rng, shops[position], buyer, status))
    return result


# ============================================================================ live traffic


@dataclass(frozen=True)
class TrafficEvent:
    """What happens next, ``delay_s`` seconds after the previous event.

    ``kind`` ``new``: a buyer opens a conversation (``shop_key``, ``buyer_index``, ``group``,
    ``priority``, ``text``). ``kind`` ``follow_up``: the buyer of the open conversation
    ``conversation_id`` writes ``text`` (``shop_key`` and ``group`` are that conversation's).
    """

    delay_s: float
    kind: Literal["new", "follow_up"]
    text: str
    shop_key: str
    group: str
    buyer_index: int = -1
    priority: int = 0
    conversation_id: int | None = None


@dataclass
class TrafficModel:
    """Decides live buyer traffic: Poisson arrivals at ``rate_per_minute`` events in total.

    Part of the events are follow-ups in conversations that are still open (buyers who write
    again while they wait, which is what makes a waiting queue feel alive); the rest open new
    conversations. A buyer who just opened a conversation is not picked again for a while.
    """

    rng: random.Random
    shops: Sequence[DemoShop]
    n_buyers: int
    rate_per_minute: float
    #: share of events that are follow-ups when some conversation is open
    follow_up_share: float = 0.35
    #: seconds of simulated time between complaint spikes (a bad batch of one product: a cluster
    #: of angry buyers of one shop within a minute, what the supervisor's spike alert is for);
    #: None for none. Spike events come on top of ``rate_per_minute``.
    spike_every_s: float | None = None
    #: new complaint conversations per spike
    spike_size: int = 8
    _recent: deque[int] = field(default_factory=lambda: deque(maxlen=200), init=False, repr=False)
    _pending: deque[TrafficEvent] = field(default_factory=deque, init=False, repr=False)
    _clock: float = field(default=0.0, init=False, repr=False)
    _next_spike_at: float = field(default=math.inf, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.rate_per_minute <= 0:
            raise ValueError("rate_per_minute must be positive")
        if not self.shops or self.n_buyers < len(self.shops):
            raise ValueError("need shops and at least one buyer per shop")
        self._recent = deque(maxlen=min(200, self.n_buyers // 2))
        self._shop_by_key = {shop.key: shop for shop in self.shops}
        if self.spike_every_s is not None:
            if self.spike_every_s <= 0:
                raise ValueError("spike_every_s must be positive")
            self._next_spike_at = self.spike_every_s * self.rng.uniform(0.5, 1.0)

    def next_event(self, open_conversations: Sequence[tuple[int, str, str]]) -> TrafficEvent:
        """The next event, given the open conversations as ``(conversation id, shop_key, group)``."""
        if self._pending:
            return self._pending.popleft()
        event = self._ordinary_event(open_conversations)
        self._clock += event.delay_s
        if self._clock >= self._next_spike_at:
            assert self.spike_every_s is not None
            self._pending.extend(self.spike())
            self._next_spike_at = self._clock + self.spike_every_s * self.rng.uniform(0.7, 1.3)
        return event

    def spike(self, shop_key: str | None = None) -> list[TrafficEvent]:
        """A complaint spike: ``spike_size`` buyers of one shop complain about the same product
        within about a minute. Used by ``spike_every_s``; callable directly to stage one."""
        rng = self.rng
        position = rng.randrange(len(self.shops))
        if shop_key is not None:
            position = next(i for i, s in enumerate(self.shops) if s.key == shop_key)
        shop = self.shops[position]
        product = rng.choice(_catalogue(shop).products)
        events: list[TrafficEvent] = []
        for _ in range(self.spike_size):
            ctx = _Ctx(rng, shop)
            ctx._product = product
            text = _dress(ctx, "complaint", rng.choice(_SPIKE))
            buyer = self._fresh_buyer(position)
            events.append(TrafficEvent(rng.uniform(1.0, 6.0), "new", text, shop.key, "complaint", buyer, 3))
        return events

    def _fresh_buyer(self, position: int) -> int:
        buyer = pick_buyer(self.rng, position, len(self.shops), self.n_buyers)
        for _ in range(5):
            if buyer not in self._recent:
                break
            buyer = pick_buyer(self.rng, position, len(self.shops), self.n_buyers)
        self._recent.append(buyer)
        return buyer

    def _ordinary_event(self, open_conversations: Sequence[tuple[int, str, str]]) -> TrafficEvent:
        rng = self.rng
        delay = rng.expovariate(self.rate_per_minute / 60.0)
        if open_conversations and rng.random() < self.follow_up_share:
            conversation_id, shop_key, group = rng.choice(open_conversations)
            shop = self._shop_by_key.get(shop_key, DemoShop(shop_key, shop_key, "web"))
            text = buyer_follow_up(rng, group, shop)
            return TrafficEvent(delay, "follow_up", text, shop_key, group, conversation_id=conversation_id)
        position = rng.randrange(len(self.shops))
        shop = self.shops[position]
        buyer = self._fresh_buyer(position)
        group = _pick_group(rng)
        text = buyer_opening(rng, group, shop)
        return TrafficEvent(delay, "new", text, shop.key, group, buyer, _priority(rng, group))


# ============================================================================ history timing

# Relative conversation volume per hour of the day (China time): quiet at night, a morning peak,
# an afternoon plateau and the evening rush when buyers shop from the sofa.
HOURLY_WEIGHTS: tuple[float, ...] = (
    2, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 4, 7, 9, 9, 7, 6, 8, 9, 8, 7, 7, 8, 10, 11, 9, 5,
)  # fmt: skip


def history_seconds_ago(rng: random.Random, days: float, hour_now: float = 12.0) -> float:
    """How long ago (seconds) a historical conversation opened, within the last ``days`` days,
    following the daily rhythm of :data:`HOURLY_WEIGHTS`. ``hour_now`` is the local hour of
    day now (0-24), so that "two hours ago" lands on the right part of the curve."""
    if days <= 0:
        raise ValueError("days must be positive")
    horizon = days * 86400.0
    while True:
        ago = rng.uniform(0.0, horizon)
        hour = int((hour_now - ago / 3600.0) % 24)
        # Rejection sampling against the busiest hour: exact and cheap (about half are kept).
        if rng.random() * max(HOURLY_WEIGHTS) < HOURLY_WEIGHTS[hour]:
            return ago


# ============================================================================ quick phrases


@dataclass(frozen=True)
class DemoPhrase:
    """A team quick phrase of a shop (``owner`` None) or a personal one (``owner`` a staff id,
    ``shop_key`` None). The text may hold phrase variables (``wsprotocol.PHRASE_VARIABLES``,
    written with their Chinese labels such as ``{买家昵称}``), filled by the workstation."""

    shop_key: str | None
    owner: str | None
    group_name: str
    #: the shortcut the agent types after ``/`` (``dz`` for ``/dz``), unique within a library
    code: str
    text: str


# (group name, code, text): the team library every shop starts with, written the way Taobao and
# Tmall agents write (亲, 哦, ~), grouped the way teams group them. Codes are pinyin initials.
_TEAM_PHRASES: tuple[tuple[str, str, str], ...] = (
    ("欢迎语", "hy", "亲，您好，欢迎光临{店铺名}，我是客服{客服名}，很高兴为您服务~"),
    ("欢迎语", "zai", "在的亲，请问有什么可以帮您的呢？"),
    ("欢迎语", "dd", "亲，久等啦，刚才咨询的人比较多，现在为您处理哦"),
    ("欢迎语", "hyhk", "{买家昵称}您好，欢迎回来！老顾客下单记得领取专属优惠券哦~"),
    ("欢迎语", "gh", "亲，我是{工号}号客服{客服名}，您的问题由我来为您跟进"),
    ("欢迎语", "ws", "亲，晚上好，客服在线时间是早9点到晚12点，有任何问题都可以留言哦"),
    ("欢迎语", "zm", "亲，周末也有客服在线哦，请问有什么可以帮您？"),
    ("欢迎语", "xc", "{买家昵称}您好，看到您在咨询，请问是想了解哪款宝贝呢？"),
    ("售前咨询", "xh", "亲，这款目前有现货的，今天下单今天就能发出哦"),
    ("售前咨询", "zp", "亲，我们是品牌官方授权店铺，所有商品都是正品，支持专柜验货"),
    ("售前咨询", "by", "亲，全国大部分地区包邮，新疆、西藏等偏远地区需要补一点运费呢"),
    ("售前咨询", "ys", "亲，预售商品需要先付定金，尾款开始后记得按时支付哦，付完尾款按顺序发货"),
    ("售前咨询", "gj", "亲，您拍下先不要付款，我这边给您修改价格，改好了通知您哦"),
    ("售前咨询", "kc", "亲，这个颜色和规格库存不多了，喜欢的话建议尽早下单哦"),
    ("售前咨询", "bj", "亲，价格是统一的，不过现在下单可以领券再减，非常划算了"),
    ("售前咨询", "pj", "亲，可以看一下宝贝详情页的买家评价和晒图，都是真实购买的用户哦"),
    ("售前咨询", "cs", "亲，详情页有详细的尺寸和参数，您也可以告诉我您的需求，我帮您推荐"),
    ("售前咨询", "tj", "亲，根据您的情况比较推荐这款，性价比很高，回购率也很高哦"),
    ("售前咨询", "db", "亲，两款的主要区别在于材质和功能，具体对比我发给您看一下哦"),
    ("售前咨询", "zh", "亲，店里还有组合装更优惠，一起买比单买划算哦"),
    ("售前咨询", "lp", "亲，这款可以做礼品包装，下单时备注一下“礼品包装”就可以啦"),
    ("售前咨询", "bz", "亲，支持7天无理由退换，还送运费险，您可以放心购买"),
    ("售前咨询", "hd", "亲，活动价格以下单页面显示为准，活动结束后会恢复原价哦"),
    ("活动优惠", "yh", "亲，店铺首页可以领取优惠券，下单自动抵扣，活动期间还有满减呢~"),
    ("活动优惠", "mj", "亲，店铺满199减20、满299减40，可以凑单更划算哦"),
    ("活动优惠", "yhq", "亲，优惠券在店铺首页和商品详情页都可以领取，每个账号限领一张"),
    ("活动优惠", "zpin", "亲，现在下单送精美赠品一份，随包裹一起发出，赠品数量有限送完即止"),
    ("活动优惠", "hyj", "亲，会员专享价需要先加入店铺会员，免费加入的哦"),
    ("活动优惠", "bjbz", "亲，我们支持价保30天，期间降价可以联系客服申请退差价"),
    ("活动优惠", "dc", "亲，大促期间订单量比较大，发货会比平时慢1-2天，请您谅解哦"),
    ("活动优惠", "hdgz", "亲，活动规则以页面公示为准，一个订单只能使用一张店铺券哦"),
    ("活动优惠", "jrhd", "亲，{今天日期}当天下单可以参加今日活动，赠品送完即止哦"),
    ("催付", "cf", "亲，您拍下的宝贝还没有付款哦，库存有限，付款后我们会尽快为您发货~"),
    ("催付", "cfyh", "亲，您的订单{订单号}还在等待付款，今天付款可以享受优惠价哦"),
    ("催付", "cwk", "亲，您预定的宝贝尾款已经可以支付啦，记得在截止前付尾款哦，以免定金失效"),
    ("催付", "cfdz", "{买家昵称}您好，您的收货地址已经确认好了，付款后马上为您安排发货哦"),
    ("催付", "cfqx", "亲，订单超过24小时未付款会自动关闭，喜欢的话记得尽快付款哦"),
    ("催付", "cfwt", "亲，是付款遇到什么问题了吗？可以告诉我，我帮您看看"),
    ("催付", "cfhb", "亲，可以使用花呗分期付款，3期免息哦"),
    ("催付", "cfkc", "亲，您看中的宝贝只剩最后几件了，付款后才会锁定库存哦"),
    ("物流", "fh", "亲，下午4点前付款的订单当天发货，之后的第二天发出哦"),
    ("物流", "kd", "亲，我们默认发中通和韵达，需要顺丰的话可以补运费差价哦"),
    ("物流", "dh", "亲，您的订单已经发货了，{快递公司}单号{快递单号}，可以在订单详情里查看物流哦"),
    ("物流", "cx", "亲，帮您查了一下，您的包裹{快递单号}目前正在运输途中，预计1-3天送达"),
    ("物流", "cj", "亲，这边已经联系{快递公司}帮您催件了，有消息第一时间通知您，请您耐心等待一下哦"),
    ("物流", "dz", "亲，请核对一下收货地址和电话哦，确认无误我们就安排发货啦~"),
    ("物流", "gdz", "亲，还没有发货的话可以帮您修改地址，请把新的收货人、电话和地址发给我哦"),
    (
        "物流",
        "ycj",
        "亲，非常抱歉，您的包裹{快递单号}物流有延迟，我们已经提交{快递公司}核查，24小时内给您答复",
    ),
    ("物流", "qs", "亲，物流显示已签收，如果您没有收到，请先问一下家人、门卫或者附近的驿站哦"),
    ("物流", "yz", "亲，包裹放在驿站了，记得凭取件码及时取件哦"),
    ("物流", "bd", "亲，偏远地区可能需要多1-2天，请您耐心等待一下"),
    ("物流", "zdfh", "亲，您的订单{订单号}我们会在48小时内发出，请您放心"),
    ("物流", "kdkf", "亲，{快递公司}的客服电话可以在物流详情页找到，也可以让我帮您联系哦"),
    ("物流", "wl", "亲，物流信息有时会延迟更新，包裹一直在路上的，请您耐心等待一下哦"),
    ("修改订单", "xgdd", "亲，订单还没发货的话可以修改，请告诉我需要修改的内容哦"),
    ("修改订单", "gg", "亲，规格已经帮您修改好了，订单{订单号}请您核对一下"),
    ("修改订单", "bzdd", "亲，您的备注我们已经看到了，会按照备注为您安排"),
    ("修改订单", "hb", "亲，多个订单可以帮您合并发货，我这边处理一下，请稍等"),
    ("修改订单", "qxdd", "亲，订单{订单号}还没发货的话可以申请退款取消，申请后我们马上处理"),
    ("修改订单", "xgdz", "亲，为了保护您的隐私，修改地址请在订单页面操作，或者把新地址发给我核对"),
    ("售后", "th", "亲，本店支持七天无理由退换货，商品不影响二次销售即可，退货运费有运费险的可以理赔哦"),
    ("售后", "zl", "非常抱歉给您带来不好的体验，麻烦您拍一下商品问题的照片发给我，这边马上为您处理"),
    ("售后", "bf", "亲，实在抱歉，这边给您安排补发，单号出来后第一时间发给您"),
    ("售后", "tk", "亲，我们收到退货后会在48小时内为您处理退款，原路退回哦"),
    ("售后", "thdz", "亲，退货地址请以退货申请里显示的为准，寄回时请在包裹里写上订单号{订单号}哦"),
    ("售后", "hh", "亲，换货的话请先申请退货，收到后我们马上给您寄出新的"),
    ("售后", "yfx", "亲，您的订单有运费险，退货后运费会自动理赔到您的账户"),
    ("售后", "jtk", "亲，退款已经提交了，一般1-3个工作日原路退回，请注意查收"),
    ("售后", "bfkd", "亲，补发的包裹已经寄出，{快递公司}单号{快递单号}"),
    ("售后", "wt", "亲，请问宝贝具体是什么问题呢？可以描述一下或者拍个视频给我"),
    ("售后", "shgd", "亲，您的售后申请已经登记，订单{订单号}，会有专人跟进处理"),
    ("售后", "bc", "亲，给您带来不便非常抱歉，这边给您申请了一个小小的补偿，希望您能谅解"),
    ("售后", "jjtk", "亲，退货申请我们已经同意了，请按页面提示寄回商品"),
    ("售后", "tzj", "亲，仅退款的话需要先拍照确认一下问题，确认后马上为您处理"),
    ("售后", "sx", "亲，退款需要先撤销当前申请，重新申请时选择正确的原因就可以了"),
    ("售后", "ps", "亲，运输途中造成的破损我们全权负责，您拍照给我就可以了"),
    ("投诉安抚", "qy", "非常抱歉让您有不好的体验，您的问题我已经记录下来了，一定给您一个满意的答复"),
    ("投诉安抚", "sj", "亲，您的问题已经上报给主管加急处理了，今天之内会给您回复，请您放心"),
    ("投诉安抚", "lj", "非常理解您的心情，换作是我也会着急的，我们一起来解决这个问题好吗"),
    ("投诉安抚", "gjcl", "亲，您的问题由我（工号{工号}）全程跟进，处理结果第一时间告诉您"),
    ("投诉安抚", "hf", "{买家姓名}您好，我们的售后主管会在今天给您回电，请保持电话畅通"),
    ("投诉安抚", "zr", "亲，这确实是我们的责任，非常抱歉，我们会按照平台规则给您处理"),
    ("投诉安抚", "ts", "亲，我们非常重视您的反馈，已经转给相关部门改进，感谢您的监督"),
    ("投诉安抚", "xs", "亲，先别着急，您把问题详细告诉我，我一定尽力帮您解决"),
    ("发票", "fp", "亲，我们可以开具电子发票，确认收货后在订单详情里申请就可以了"),
    ("发票", "fpzz", "亲，需要开增值税专用发票的话，请把公司名称、税号、地址电话和开户行信息发给我哦"),
    ("发票", "fpxg", "亲，发票抬头填错了可以重新开，请把正确的抬头发给我"),
    ("发票", "fpsj", "亲，电子发票会在3个工作日内开具，开好后发送到您的订单{订单号}里"),
    ("结束语", "js", "亲，还有其他可以帮您的吗？没有的话祝您生活愉快，期待您的再次光临~"),
    ("结束语", "hp", "亲，收到宝贝满意的话麻烦给个五星好评哦，有任何问题随时联系我们~"),
    ("结束语", "gz", "亲，关注{店铺名}可以第一时间收到上新和优惠信息哦"),
    ("结束语", "xx", "感谢您的耐心等待，{买家昵称}，祝您购物愉快！"),
    ("结束语", "zj", "亲，如果还有问题随时找我，我是{工号}号客服{客服名}"),
    ("结束语", "xxgz", "谢谢关注，祝您生活愉快~"),
    ("结束语", "bq", "亲，给您添麻烦了，再次向您说声抱歉，祝您生活愉快"),
    ("结束语", "wa", "亲，时间不早了，早点休息哦，晚安~"),
)
# What each kind of shop adds: the product knowledge its agents answer again and again.
_KIND_PHRASES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "baby": (
        ("商品知识", "nkcm", "亲，纸尿裤尺码参考：NB码5kg以下，S码4-8kg，M码6-11kg，L码9-14kg，XL码12-17kg"),
        ("商品知识", "nptx", "亲，奶瓶是PPSU材质，耐高温，可以高温蒸汽消毒哦"),
        ("商品知识", "tcsz", "亲，推车可以一键收车，收车后可以直接放进后备箱"),
        ("商品知识", "azyz", "亲，安全座椅适合9个月到12岁的宝宝，ISOFIX接口安装更稳固"),
        ("商品知识", "xnq", "亲，吸奶器吸力有9档可调，建议从低档开始使用"),
        ("商品知识", "ytfs", "亲，连体衣是A类纯棉面料，婴幼儿可以直接贴身穿"),
        ("商品知识", "fsj", "亲，辅食机蒸煮搅拌一体，拆洗也很方便"),
        ("商品知识", "xyy", "亲，婴儿洗衣液不含荧光剂，宝宝的衣物可以放心用"),
        ("商品知识", "pxd", "亲，爬行垫是XPE材质，无味环保，防水好打理"),
        ("商品知识", "sjqr", "亲，贴身母婴用品拆封后影响二次销售的，不支持七天无理由退换哦，请您谅解"),
        ("商品知识", "bzq", "亲，湿巾保质期3年，开封后建议尽快用完哦"),
        ("商品知识", "scrq", "亲，我们发的都是最新批次，生产日期在半年以内"),
        ("商品知识", "ypsm", "亲，宝宝月龄不同选的尺码也不一样，告诉我宝宝的体重，我帮您推荐"),
        ("商品知识", "zswt", "亲，如果宝宝用了出现红屁屁，请立即停用，并拍照联系我们"),
        ("商品知识", "xsbz", "亲，我们是天猫旗舰店，所有商品都经过质检，请放心给宝宝使用"),
    ),
    "snack": (
        ("商品知识", "bzq", "亲，坚果保质期是8个月，发出的都是最近一个月生产的哦"),
        ("商品知识", "scrq", "亲，我们的零食都是新鲜生产的，发出的都是近期批次"),
        ("商品知识", "kw", "亲，香辣味是微辣，能吃一点辣的都可以接受哦；五香味不辣"),
        ("商品知识", "cc", "亲，开封后请密封保存，放在阴凉干燥处，尽快食用哦"),
        ("商品知识", "cl", "亲，零食属于食品，拆封后不支持七天无理由退换，质量问题除外"),
        ("商品知识", "cdby", "亲，满39元包邮，可以凑单哦"),
        ("商品知识", "bd2", "亲，夏天发货会加冰袋的，巧克力类商品请尽快冷藏"),
        ("商品知识", "zhtj", "亲，第一次买的话推荐混合装，多种口味都能尝尝"),
        ("商品知识", "lhbz", "亲，礼盒装有手提袋，送人很有面子"),
        ("商品知识", "lsf", "亲，螺蛳粉加辣版真的很辣，不太能吃辣的建议选普通版"),
        ("商品知识", "pslq", "亲，如果收到的包装有破损漏气，请拍照给我，我们马上给您补发"),
        ("商品知识", "yw", "亲，收到后发现有异物请保留实物和包装，拍照发给我，我们一定严肃处理"),
        ("商品知识", "sc", "亲，我们的产品都有SC生产许可证，食品安全有保障"),
        ("商品知识", "dbz", "亲，大包装和小包装的配料是一样的，小包装更方便携带"),
    ),
    "appliance": (
        ("安装保修", "bx", "亲，本店商品全国联保，整机保修一年，电机保修三年"),
        ("安装保修", "az", "亲，这款不需要专门安装，收到后按说明书操作就可以使用"),
        ("安装保修", "sms", "亲，电子说明书已经发给您了，按照步骤操作就可以"),
        ("安装保修", "gl", "亲，这款额定功率是1200W，家用插座都可以正常使用"),
        ("安装保修", "dy", "亲，这款是220V国标插头，可以放心使用"),
        ("安装保修", "wx", "亲，维修请联系品牌400热线，或者在订单里申请售后，我们会安排上门"),
        ("安装保修", "qj", "亲，使用后请及时清洁内胆，避免异味"),
        ("安装保修", "wd", "亲，首次使用有轻微气味属于正常现象，通电几次后就会消失"),
        ("安装保修", "cd", "亲，电池充满需要4小时左右，可以连续使用60天左右"),
        ("安装保修", "sbpz", "亲，三包凭证就是您的订单号{订单号}，保修时提供订单号即可"),
        ("安装保修", "yh2", "亲，大家电签收前请先开箱验货，有破损可以直接拒收"),
        ("安装保修", "jd", "亲，京东物流是次日达，部分地区当日达哦"),
        ("安装保修", "yjhx", "亲，以旧换新活动正在进行中，旧机可以抵扣部分金额"),
        ("安装保修", "btd", "亲，如果机器不通电，请先检查一下插座和电源线是否插好"),
        ("安装保修", "gzdm", "亲，出现故障代码的话，请拍一下屏幕显示发给我，我帮您查一下"),
    ),
    "fashion": (
        ("尺码建议", "cm", "亲，可以告诉我您的身高体重，我帮您推荐合适的尺码哦"),
        ("尺码建议", "cmb", "亲，详情页有详细的尺码表，建议量一下平时穿的衣服对比一下哦"),
        ("尺码建议", "pd", "亲，这款版型偏大，平时穿M的建议选S哦"),
        ("尺码建议", "px", "亲，这款版型偏小一码，建议拍大一码哦"),
        ("尺码建议", "ml", "亲，面料是纯棉的，透气吸汗，第一次洗会有轻微缩水"),
        ("尺码建议", "xd", "亲，建议手洗或者装洗衣袋机洗，不要暴晒，可以保持颜色哦"),
        ("尺码建议", "sc", "亲，图片都是实物拍摄的，因为光线原因可能会有一点点色差"),
        ("尺码建议", "kc2", "亲，裤长是按身高165设计的，个子矮的可以卷边或者改短"),
        ("尺码建议", "yrf", "亲，羽绒服是90%白鸭绒，蓬松度很好，零下10度都可以穿"),
        ("尺码建议", "dp", "亲，这件可以搭配我们家的阔腿裤，上身效果很好看哦"),
        ("尺码建议", "dp2", "亲，不合适可以退换的，吊牌请不要剪掉哦"),
        ("尺码建议", "qq", "亲，起球是因为面料摩擦，属于正常现象，可以用剃毛器处理"),
        ("尺码建议", "tkbs", "亲，同款不同色可以帮您换，申请换货时备注一下颜色尺码"),
        ("尺码建议", "xk", "亲，这款是{今天日期}刚上的新款，首发有优惠哦"),
        ("尺码建议", "zb", "亲，直播间的优惠需要在直播间下单才能享受哦"),
    ),
}
# Every agent keeps a few phrases for themselves ...
_PERSONAL_PHRASES: tuple[tuple[str, str, str], ...] = (
    ("我的常用", "wo", "亲，我是{客服名}，您的问题我会一直跟进的哦"),
    ("我的常用", "sd", "亲，稍等一下哦，我帮您查询一下"),
    ("我的常用", "sdl", "好的亲，收到~"),
)
# ... and kf001, the account the demo is tried with, has built up a few more.
_KF001_PHRASES: tuple[tuple[str, str, str], ...] = (
    ("我的常用", "hd1", "{买家昵称}，您的订单号是{订单号}对吗？我这边帮您核实一下"),
    ("我的常用", "wlgz", "亲，{快递公司}的单号{快递单号}我帮您盯着，有更新马上告诉您"),
    ("我的常用", "xb", "亲，我先下班啦，明天继续为您跟进，晚安~"),
    ("我的常用", "mr", "亲，今天是{今天日期}，您的问题我记下了，明天上午给您回复"),
    ("我的常用", "zx", "亲，我是{工号}号客服{客服名}，有问题随时找我哦"),
)


def demo_phrases(
    shops: Sequence[DemoShop] | None = None, users: Sequence[DemoUser] | None = None
) -> list[DemoPhrase]:
    """A team library per shop (the common groups plus the shop's product knowledge, about 110
    phrases), and a few personal phrases for each agent (more for kf001)."""
    phrases: list[DemoPhrase] = []
    for shop in shops if shops is not None else demo_shops():
        for group_name, code, text in (*_TEAM_PHRASES, *_KIND_PHRASES.get(_catalogue(shop).kind, ())):
            phrases.append(DemoPhrase(shop.key, None, group_name, code, text))
    for user in users if users is not None else demo_users():
        if user.role != "agent":
            continue
        own = (*_PERSONAL_PHRASES, *(_KF001_PHRASES if user.staff_id == "kf001" else ()))
        for group_name, code, text in own:
            phrases.append(DemoPhrase(None, user.staff_id, group_name, code, text))
    return phrases


# ============================================================================ orders


@dataclass(frozen=True)
class DemoOrderItem:
    product: str
    variant: str
    quantity: int
    unit_price: float


@dataclass(frozen=True)
class DemoTrackingEvent:
    #: seconds before now
    seconds_ago: float
    text: str


@dataclass(frozen=True)
class DemoOrder:
    order_no: str
    shop_key: str
    buyer_index: int
    #: unpaid, paid, shipped, delivered, refunding, refunded, closed
    status: str
    items: tuple[DemoOrderItem, ...]
    discount: float
    shipping_fee: float
    #: what the buyer pays: items minus discount plus shipping
    total: float
    #: seconds before now
    created_s_ago: float
    paid_s_ago: float | None
    courier: str
    tracking_no: str
    #: oldest first; a parcel whose last event is days old is stuck
    tracking: tuple[DemoTrackingEvent, ...]
    #: presale orders: the deposit paid, and seconds from now until the balance is due
    #: (negative when the due date has passed); 0 and None for ordinary orders
    deposit: float = 0.0
    balance_due_in_s: float | None = None


ORDER_STATUSES: tuple[str, ...] = (
    "unpaid", "paid", "shipped", "delivered", "refunding", "refunded", "closed",
)  # fmt: skip
_ORDER_STATUS_WEIGHTS = (8, 10, 18, 50, 5, 4, 5)
# The first sorting hub a shop's parcels pass.
_ORIGIN_HUB = {
    "杭州市": "杭州转运中心",
    "嘉兴市": "嘉兴分拨中心",
    "佛山市": "广州白云转运中心",
    "广州市": "广州白云转运中心",
}
_HUBS = (
    "杭州转运中心", "嘉兴分拨中心", "广州白云转运中心", "上海浦东转运中心", "武汉转运中心",
    "郑州航空港转运中心", "成都双流分拨中心", "北京顺义转运中心", "西安转运中心", "沈阳转运中心",
)  # fmt: skip


def _tracking_events(
    rng: random.Random, courier: str, origin: str, destination: str, shipped_ago: float, delivered: bool
) -> tuple[DemoTrackingEvent, ...]:
    first_hub = _ORIGIN_HUB.get(origin, _HUBS[0])
    hubs = [first_hub, rng.choice([h for h in _HUBS if h != first_hub])]
    steps = [
        f"【{origin}】{courier}已揽收，揽投员：{rng.choice(_SURNAMES)}师傅",
        f"【{origin}】快件已发往【{hubs[0]}】",
        f"快件已到达【{hubs[0]}】",
        f"快件离开【{hubs[0]}】，已发往【{hubs[1]}】",
        f"快件已到达【{hubs[1]}】",
        f"【{destination}】快件已到达{destination}营业部",
        f"【{destination}】快递员{rng.choice(_SURNAMES)}师傅（电话{_phone(rng)}）正在派送",
        rng.choice(
            ("已签收，签收人：本人", "已签收，放在菜鸟驿站，请凭取件码取件", "已放入丰巢快递柜，请及时取件",
             "已签收，签收人：门卫")
        ),
    ]  # fmt: skip
    if not delivered:
        # In transit: somewhere before the last step; some parcels stopped moving days ago.
        steps = steps[: rng.randrange(1, len(steps) - 1)]
    if delivered:
        # Parcels in China take one to four days; then they sit delivered.
        span = min(shipped_ago * 0.95, rng.uniform(1.0, 4.0) * 86400)
    else:
        # Still moving, or stopped somewhere: the gap from the last event to now shows which.
        span = shipped_ago * rng.uniform(0.1, 0.9)
    ago = [shipped_ago, *(shipped_ago - t for t in sorted(rng.uniform(0, span) for _ in steps[1:]))]
    return tuple(DemoTrackingEvent(round(a, 1), text) for a, text in zip(ago, steps, strict=True))


def demo_orders(
    rng: random.Random, buyers: Sequence[DemoBuyer], n: int, days: float = 30.0
) -> list[DemoOrder]:
    """``n`` orders of the given buyers (``buyer_index`` is the position in ``buyers``), placed
    within the last ``days`` days: unpaid ones to nudge, presale ones with a deposit, parcels in
    transit (some stuck for days), delivered ones, refunds. Order numbers are unique, 18-19 digits."""
    shops = {s.key: s for s in demo_shops()}
    seen: set[str] = set()
    orders: list[DemoOrder] = []
    for _ in range(n):
        buyer_index = rng.randrange(len(buyers))
        buyer = buyers[buyer_index]
        shop = shops.get(buyer.shop_key, DemoShop(buyer.shop_key, buyer.shop_key, "web"))
        ctx = _Ctx(rng, shop)
        order_no = ctx.order_no()
        while order_no in seen:
            order_no = ctx.order_no()
        seen.add(order_no)
        items: list[DemoOrderItem] = []
        for _k in range(rng.choices((1, 2, 3), weights=(70, 22, 8))[0]):
            ctx._product = None  # each line its own product
            quantity = rng.choices((1, 2, 3, 5), weights=(70, 18, 8, 4))[0]
            items.append(DemoOrderItem(ctx.product.name, _variant(ctx), quantity, float(ctx.price())))
        subtotal = sum(i.quantity * i.unit_price for i in items)
        discount = float(rng.choice((0, 0, 0, 5, 10, 20))) if subtotal > 50 else 0.0
        shipping = 0.0 if subtotal >= 39 or rng.random() < 0.6 else 6.0
        status = rng.choices(ORDER_STATUSES, weights=_ORDER_STATUS_WEIGHTS)[0]
        # Unpaid and unshipped orders are recent, parcels in transit a few days old, delivered ones
        # at least four days old (whole days keep the hour-of-day rhythm).
        if status in ("unpaid", "paid"):
            created = history_seconds_ago(rng, min(2.0, days))
        elif status == "shipped":
            created = 0.0
            while created < 4 * 3600:  # nothing ships within minutes of the order
                created = history_seconds_ago(rng, max(min(6.0, days), 0.5))
        else:
            created = 4 * 86400 + history_seconds_ago(rng, max(days - 4, 1.0))
        paid = None
        if status not in ("unpaid", "closed"):
            paid = created - rng.uniform(0.0, min(1800.0, created * 0.5))
        courier, tracking_no = "", ""
        tracking: tuple[DemoTrackingEvent, ...] = ()
        if status in ("shipped", "delivered", "refunding", "refunded") and paid is not None:
            courier = ctx.fill_slot("courier")
            tracking_no = ctx.fill_slot("tracking")
            shipped_ago = paid - min(rng.uniform(3600, 48 * 3600), paid * 0.7)
            tracking = _tracking_events(
                rng, courier, _ORIGIN.get(shop.key, "杭州市"), buyer.city, shipped_ago, status != "shipped"
            )
        deposit, balance_due = 0.0, None
        if status in ("unpaid", "paid") and rng.random() < 0.25:
            # A presale: the deposit is paid, the balance opens in a few days (or is due now).
            deposit = float(rng.choice((10, 20, 50, 100)))
            balance_due = rng.uniform(-6 * 3600, 5 * 86400)
        total = round(subtotal - discount + shipping, 2)
        paid_ago = None if paid is None else round(paid, 1)
        orders.append(
            DemoOrder(
                order_no, buyer.shop_key, buyer_index, status, tuple(items), discount, shipping, total,
                round(created, 1), paid_ago, courier, tracking_no, tracking, deposit, balance_due,
            )
        )  # fmt: skip
    return orders
