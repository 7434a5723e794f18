import { describe, expect, it } from 'vitest';
import { isValidPort, urlParts } from '../../../src/broker/url-parts.js';

describe('urlParts', () => {
  it.each([
    ['http://host:15672/api', { scheme: 'http://', host: 'host', port: '15672', rest: '/api' }],
    ['http://bob:pa#Secr3t@host:15672', { scheme: 'http://', userinfo: 'bob:pa#Secr3t', host: 'host', port: '15672', rest: '' }],
    ['http://bob:123/Secr3t@host:15672/x?y', { scheme: 'http://', userinfo: 'bob:123/Secr3t', host: 'host', port: '15672', rest: '/x?y' }],
    ['amqp://bob:p@ss@host', { scheme: 'amqp://', userinfo: 'bob:p@ss', host: 'host', rest: '' }],
    ['bob:pw@host:1', { scheme: '', userinfo: 'bob:pw', host: 'host', port: '1', rest: '' }],
    ['localhost:15672', { scheme: '', host: 'localhost', port: '15672', rest: '' }],
    ['http://bob:123/Secr3t', { scheme: 'http://', host: 'bob', port: '123', rest: '/Secr3t' }],
    ['http://[::1]:15672/', { scheme: 'http://', host: '[::1]', port: '15672', rest: '/' }],
    ['http://[::1]/', { scheme: 'http://', host: '[::1]', rest: '/' }],
    ['http://h\\x', { scheme: 'http://', host: 'h', rest: '\\x' }],
  ])('%s', (text, parts) => {
    expect(urlParts(text)).toEqual(parts);
  });
});

describe('isValidPort', () => {
  it.each([
    ['', true],
    ['0', true],
    ['15672', true],
    ['65535', true],
    ['065535', false],
    ['65536', false],
    ['123x', false],
    ['Secr3t', false],
    [' 1', false],
  ])('%j: %s', (port, valid) => {
    expect(isValidPort(port)).toBe(valid);
  });
});
