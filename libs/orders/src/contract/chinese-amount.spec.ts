import { formatYuan, toChineseCapitalAmount } from './chinese-amount.js';

describe(toChineseCapitalAmount.name, () => {
  it.each([
    [0n, '零元整'],
    [1n, '壹分'],
    [10n, '壹角整'], // 《支付结算办法》: after 元 or 角 write 整, never after 分
    [100n, '壹元整'],
    [1005n, '壹拾元零伍分'],
    [123456n, '壹仟贰佰叁拾肆元伍角陆分'],
    [10_000_000n, '壹拾万元整'],
    [100_000_001n, '壹佰万元零壹分'],
    [100_500n, '壹仟零伍元整'],
    [10_010_000n, '壹拾万零壹佰元整'],
    [1_000_000_000_00n, '壹拾亿元整'],
    [1_000_100_000_00n, '壹拾亿零壹拾万元整'],
    [5_000_000n, '伍万元整'],
    [50_000n, '伍佰元整'],
    [30_500_000n, '叁拾万伍仟元整'],
    [110n, '壹元壹角整'],
    [101n, '壹元零壹分'],
  ])('writes %s fen as %s', (fen, text) => {
    expect(toChineseCapitalAmount(fen)).toBe(text);
  });
});

describe(formatYuan.name, () => {
  it('formats integer fen with thousands separators', () => {
    expect(formatYuan(0n)).toBe('¥0.00');
    expect(formatYuan(123456n)).toBe('¥1,234.56');
    expect(formatYuan(100_000_000_01n)).toBe('¥100,000,000.01');
    expect(formatYuan(-5n)).toBe('-¥0.05');
  });
});
