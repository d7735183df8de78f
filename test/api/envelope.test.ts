import { describe, expect, it } from 'vitest';
import { codeMeaning, ERRMSG_CODES } from '../../electron/main/api/codes';
import { unwrapEnvelope } from '../../electron/main/api/envelope';
import { BadResponseError, BusinessError } from '../../electron/main/api/errors';

const env = (over: Record<string, unknown>) => ({
  requestId: null,
  errmsg: 20000,
  succeed: true,
  msgTime: '2024-08-07T15:30:23.0568873+08:00',
  values: [1],
  errdesc: null,
  ...over,
});

describe('envelope', () => {
  it('returns values when succeed is true, whatever errmsg says', () => {
    expect(unwrapEnvelope(env({}), 'x')).toEqual([1]);
    expect(unwrapEnvelope(env({ errmsg: 10004 }), 'x')).toEqual([1]);
    expect(unwrapEnvelope(env({ errmsg: 0 }), 'x')).toEqual([1]);
    expect(unwrapEnvelope(env({ errmsg: 424242, succeed: 'true' }), 'x')).toEqual([1]);
  });

  it('keeps the server’s errdesc for the window, apart from the code (issue 11 item 12)', () => {
    const body = { requestId: null, errmsg: 200012, succeed: false, msgTime: '2024-08-07T15:30:23+08:00', values: null, errdesc: 'remindStaff 参数格式不对' };
    let thrown: unknown;
    try {
      unwrapEnvelope(body, 'list');
    } catch (e) {
      thrown = e;
    }
    expect((thrown as BusinessError).toAppError()).toMatchObject({ kind: 'business', code: 200012, serverText: 'remindStaff 参数格式不对' });
  });

  it('judges by the code when succeed is missing', () => {
    expect(unwrapEnvelope(env({ succeed: undefined }), 'x')).toEqual([1]);
    expect(() => unwrapEnvelope(env({ succeed: undefined, errmsg: 200012 }), 'x')).toThrow(BusinessError);
  });

  it('turns succeed=false into a BusinessError with the code table meaning', () => {
    let error: unknown;
    try {
      unwrapEnvelope(env({ succeed: false, errmsg: 200010, errdesc: '员工号不存在', values: null }), 'x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BusinessError);
    const b = error as BusinessError;
    expect(b.code).toBe(200010);
    expect(b.meaningZh).toBe('员工号不存在');
    expect(b.meaningEn).toBe('staff code does not exist');
    expect(b.message).toBe('business error 200010 员工号不存在 (staff code does not exist)');
    expect(b.toAppError()).toEqual({ kind: 'business', code: 200010, detail: b.message });
  });

  it('keeps the server text when it says more than the table, and copes with unknown codes and string codes', () => {
    const e1 = (() => {
      try {
        unwrapEnvelope(env({ succeed: false, errmsg: '200012', errdesc: '用户传参错误: pageIndex 必填' }), 'x');
      } catch (e) {
        return e as BusinessError;
      }
    })();
    expect(e1?.code).toBe(200012);
    expect(e1?.message).toContain('pageIndex 必填');
    const e2 = (() => {
      try {
        unwrapEnvelope(env({ succeed: false, errmsg: 777 }), 'x');
      } catch (e) {
        return e as BusinessError;
      }
    })();
    expect(e2).toMatchObject({ code: 777, meaningZh: null, meaningEn: null });
    expect(e2?.message).toContain('unknown error code');
  });

  it('refuses what is not an envelope', () => {
    for (const body of [null, [], 'ok', 42, { values: [] }, { data: 1 }]) {
      expect(() => unwrapEnvelope(body, 'GetX')).toThrow(BadResponseError);
    }
  });
});

describe('the errmsg code table (docs/youmi-api.md §6.3)', () => {
  it('has every documented code with Chinese and English', () => {
    const documented = [10003, 10004, 10005, 10006, 10011, 20000, ...Array.from({ length: 24 }, (_, i) => 200001 + i)];
    expect(Object.keys(ERRMSG_CODES).map(Number).sort((a, b) => a - b)).toEqual(documented);
    for (const code of documented) {
      expect(codeMeaning(code)?.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(codeMeaning(code)?.en).toMatch(/[a-z]/);
    }
    expect(codeMeaning(10003)?.zh).toBe('令牌失效');
    expect(codeMeaning(200011)?.zh).toBe('服务器错误');
    expect(codeMeaning(1)).toBeNull();
  });
});
