"""Synthetic news about cooperatives, for measuring the tool at scales no real corpus reaches.

Articles follow the genre's patterns (an event opening, the officials present and their posts,
the province's figures, a speech, page furniture) with names, provinces, dates and numbers drawn
from a seeded generator, so a corpus of any size is reproducible and every article differs.
The vocabulary is written here, not read from ``kg/data``, so the generator does not echo
exactly what the extractor knows.

    python bench/synth.py 10000 /tmp/synth-10k.jsonl --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

from kg.gazetteer import Province, provinces

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Mai Lò".split()
MIDDLE = "Văn Thị Hữu Đức Minh Thanh Quang Ngọc Xuân Hồng Đình Công Thu Kim Bá Tiến".split()
GIVEN = (
    "Hùng Lan Bài Sơn Tuấn Hà Dũng Mai Hải Long Thủy Phương Bình Cường Hương Nam Thắng Hòa Tùng "
    "Hậu Dậy Tâm Nga Quyết Thành Hiền Trung Khánh Yến Toàn Lợi Vinh Đông Tươi Nhung".split()
)
EVENTS = [
    "tổ chức hội nghị tổng kết năm {y} và triển khai nhiệm vụ năm {y1}",
    "tổ chức Đại hội đại biểu lần thứ {k}, nhiệm kỳ {y1}-{y5}",
    "tổ chức hội thảo phát triển kinh tế tập thể gắn với chuỗi giá trị nông sản",
    "khai giảng lớp tập huấn nâng cao năng lực quản lý cho cán bộ HTX",
    "tổ chức hội chợ kết nối cung cầu sản phẩm OCOP năm {y}",
    "tổ chức lễ kỷ niệm {k}0 năm ngày thành lập",
]
FILLER = [
    "Kinh tế tập thể, nòng cốt là HTX, tiếp tục có bước phát triển cả về số lượng và chất lượng.",
    "Nhiều HTX đã mạnh dạn ứng dụng khoa học công nghệ, liên kết sản xuất theo chuỗi giá trị.",
    "Tuy nhiên, quy mô của phần lớn HTX còn nhỏ, năng lực quản trị hạn chế, khả năng tiếp cận vốn khó khăn.",
    "Công tác tuyên truyền Luật HTX năm 2023 được đẩy mạnh đến cơ sở.",
    "Các đại biểu đã thảo luận, chia sẻ kinh nghiệm xây dựng mô hình HTX kiểu mới hiệu quả.",
    "Hoạt động của quỹ hỗ trợ phát triển HTX góp phần giúp các HTX mở rộng sản xuất, kinh doanh.",
    "Nhiều sản phẩm của HTX đạt chuẩn OCOP, có mặt tại các siêu thị và sàn thương mại điện tử.",
    "Bên cạnh đó, một số HTX hoạt động cầm chừng, chưa thực hiện đúng quy định của pháp luật.",
]
FURNITURE = ["Chia sẻ", "In bài", "Quảng cáo", "1.234 lượt xem", "Ảnh: {name}"]
TAIL = ["Tin liên quan", "Xem thêm", "Bình luận"]


def person(rng: random.Random) -> str:
    """A full Vietnamese name: family name, middle name, given name."""
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def number(value: float, decimals: int = 0) -> str:
    """A number written the Vietnamese way: 64.000, 2,5."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def article(rng: random.Random, index: int, places: list[Province]) -> dict[str, str]:
    """One article of 1.5–4 kB about one province's cooperatives."""
    place = rng.choice(places)
    where = place.full_name  # "tỉnh Đắk Lắk", "thành phố Hà Nội"
    kind = where.removesuffix(place.name).strip()
    year = rng.randint(2016, 2024)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    chair, vice = person(rng), person(rng)
    fill = dict(y=year - 1, y1=year, y5=year + 5, k=rng.randint(2, 7))
    event = rng.choice(EVENTS).format(**fill)
    htx, unions = rng.randint(80, 1500), rng.randint(1, 12)
    members, workers = rng.randint(5, 200) * 1000, rng.randint(3, 90) * 1000
    lines = [
        f"{rng.choice(['Sáng', 'Chiều'])} {day}/{month}, Liên minh HTX {where} {event}.",
        rng.choice(FURNITURE).format(name=person(rng)),
        f"Dự hội nghị có đồng chí {vice}, Phó Chủ tịch UBND {where}; "
        f"đồng chí {chair}, Chủ tịch Liên minh HTX {where} cùng đại diện các sở, ngành.",
        f"Theo báo cáo, đến nay toàn {kind} có {htx} HTX và {unions} liên hiệp HTX thu hút "
        f"{number(members)} thành viên, tạo việc làm cho {number(workers)} lao động.",
        f"Doanh thu bình quân đạt {number(rng.uniform(0.8, 9.5), 1)} tỷ đồng/năm; thu nhập bình quân "
        f"của người lao động đạt {rng.randint(3, 9)} triệu đồng/người/tháng.",
        f"Trong năm {year - 1}, toàn {kind} thành lập mới {rng.randint(5, 80)} HTX, giải thể "
        f"{rng.randint(1, 30)} HTX ngừng hoạt động.",
        f"Đồng chí {chair}, Chủ tịch Liên minh HTX {where} phát biểu đề nghị các HTX tiếp tục "
        "đổi mới phương thức hoạt động.",
        f"Phát biểu chỉ đạo, Phó Chủ tịch UBND {where} {vice} ghi nhận kết quả đạt được và đề nghị "
        f"năm {year} phấn đấu thành lập mới ít nhất {rng.randint(20, 120)} HTX.",
    ]
    target = rng.randint(1500, 4000)
    body = lines[:3] + rng.sample(lines[3:], len(lines) - 3)
    while len("\n".join(body).encode()) < target - 300:
        body.insert(rng.randint(3, len(body)), " ".join(rng.sample(FILLER, 3)))
    body += [
        f"{person(rng)} (Báo {place.name})",
        rng.choice(TAIL),
        f"Liên minh HTX {rng.choice(places).full_name} ...",
    ]
    title = f"Liên minh HTX {where} {event.split(',')[0]}"
    published = f"{year}-{month:02d}-{day:02d}T{rng.randint(6, 21):02d}:{rng.randint(0, 59):02d}:00+07:00"
    return {"id": f"synth-{index:06d}", "title": title, "published": published, "text": "\n".join(body)}


def generate(n: int, seed: int = 1) -> Iterator[dict[str, str]]:
    """``n`` articles; the same seed always gives the same corpus."""
    rng = random.Random(seed)
    places = provinces("old")
    for i in range(n):
        yield article(rng, i, places)


def write(path: Path, n: int, seed: int = 1) -> Path:
    """Write ``n`` articles to ``path`` as JSON Lines."""
    with path.open("w", encoding="utf-8") as out:
        for record in generate(n, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="JSON Lines file to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.out, args.n, args.seed)


if __name__ == "__main__":
    main()
