import { describe, expect, it } from 'vitest';
import { parseHeaderFlags } from '../../../src/routing/parse-header-flags.js';

describe('parseHeaderFlags', () => {
  it.each([
    [['format=pdf'], { format: 'pdf' }],
    [['count=5'], { count: '5' }],
    [['count:str=5'], { count: '5' }],
    [['count:int=5'], { count: 5 }],
    [['count:int=-12'], { count: -12 }],
    [['ratio:float=1.5'], { ratio: 1.5 }],
    [['ratio:float=2'], { ratio: 2 }],
    [['urgent:bool=true', 'draft:bool=false'], { urgent: true, draft: false }],
    [['flag=true'], { flag: 'true' }],
    [['empty='], { empty: '' }],
    [['expr=a=b'], { expr: 'a=b' }],
    [['ns:key=v'], { 'ns:key': 'v' }],
    [['ns:key:int=3'], { 'ns:key': 3 }],
    [['x-match=all'], { 'x-match': 'all' }],
    [[], {}],
  ])('%j → %j', (flags, headers) => {
    expect(parseHeaderFlags(flags)).toEqual({ ok: true, headers });
  });

  it.each([
    [['format'], 'header "format" has no value: use -H name=value'],
    [['=x'], 'header "=x" has no name: use -H name=value'],
    [[':int=5'], 'header ":int=5" has no name: use -H name=value'],
    [['n:int=5.5'], 'header "n": "5.5" is not a valid int'],
    [['n:int=abc'], 'header "n": "abc" is not a valid int'],
    [['n:int='], 'header "n": "" is not a valid int'],
    [['n:int=99999999999999999999'], 'header "n": "99999999999999999999" is not a valid int'],
    [['n:float=x'], 'header "n": "x" is not a valid float'],
    [['n:float='], 'header "n": "" is not a valid float'],
    [['n:bool=yes'], 'header "n": "yes" is not a valid bool'],
    [['a=1', 'a:int=2'], 'header "a" is given twice'],
  ])('%j is refused: %s', (flags, error) => {
    expect(parseHeaderFlags(flags)).toEqual({ ok: false, error });
  });
});
